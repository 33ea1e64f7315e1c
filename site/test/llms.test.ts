/** The text the site serves to language models, rendered from plain data (site/lib/llms.ts). */
import { describe, expect, it } from 'vitest';
import type { Code } from 'mdast';
import { renderFullText, renderLlmsIndex, siteUrls, templatePage } from '../lib/llms.ts';
import { parseMarkdown } from '../../lint/src/markdown/parse.ts';
import { walk } from '../../lint/src/export/markdown.ts';

describe('llms.txt and llms-full.txt rendering', () => {
  it('writes the llms.txt layout: title, blockquote summary, sections of described links, empty sections left out', () => {
    const text = renderLlmsIndex({
      title: 'Guide',
      summary: 'What it is,\n  in one line.',
      details: ['More words.'],
      sections: [
        { heading: 'Pages', links: [{ title: 'U6 — `torch.save` fails', url: 'https://x.test/gotchas/u6/', description: 'disk | full' }] },
        { heading: 'Nothing', links: [] },
      ],
    });
    expect(text).toBe('# Guide\n\n> What it is, in one line.\n\nMore words.\n\n## Pages\n\n- [U6 — `torch.save` fails](https://x.test/gotchas/u6/): disk | full\n');
  });

  it('turns scheme links into site URLs, same-page anchors into page URLs, and drops {#id} syntax', () => {
    const url = siteUrls(new URL('https://guide.test'), '/docs/');
    const text = renderFullText(
      {
        title: 'All',
        summary: 'Everything.',
        pages: [
          {
            title: 'Spot `resilience`',
            url: url('/reference/spot-resilience/'),
            body: '## Cadence {#cadence}\n\nSee [U6](gotcha:U6), [rule 8](principle:8), [below](#cadence) and [docs](https://example.com/).\n',
          },
        ],
      },
      url,
    );
    expect(text).toContain('# Spot `resilience`');
    expect(text).toContain('**URL:** <https://guide.test/docs/reference/spot-resilience/>');
    expect(text).toContain('## Cadence\n');
    expect(text).toContain('[U6](https://guide.test/docs/gotchas/u6/)');
    expect(text).toContain('[rule 8](https://guide.test/docs/reference/principles/#principle-8)');
    expect(text).toContain('[below](https://guide.test/docs/reference/spot-resilience/#cadence)');
    expect(text).toContain('[docs](https://example.com/)');
  });

  it('carries a script template with its usage, the entries it implements and its exact source', () => {
    const url = siteUrls(new URL('https://guide.test'), '/');
    // A script whose heredoc holds a Markdown fence must not close the block it is printed in.
    const source = '#!/usr/bin/env bash\nset -eu\ncat <<EOF\n```text\n# not a heading\n```\nEOF\n';
    const page = templatePage({ file: 'make_manifest.sh', source, meta: { title: 'Results manifest', purpose: 'Lists\n files.', usage: 'make_manifest.sh DIR', gotchas: ['U7'], principles: [7] } }, url);
    const text = renderFullText({ title: 'All', summary: 'Everything.', pages: [page] }, url);
    expect(text).toContain('# `make_manifest.sh` — Results manifest');
    expect(text).toContain('**URL:** <https://guide.test/templates/make_manifest-sh/>');
    expect(text).toContain('**Usage:** `make_manifest.sh DIR`');
    expect(text).toContain('**Implements:** [U7](https://guide.test/gotchas/u7/), [principle 7](https://guide.test/reference/principles/#principle-7)');
    const blocks: Code[] = [];
    walk(parseMarkdown(text).children, (n) => {
      if (n.type === 'code') blocks.push(n as Code);
    });
    expect(blocks.map((b) => [b.lang, b.value])).toEqual([['bash', source.replace(/\n$/, '')]]);
  });

  it('without a configured site, URLs are absolute paths under the base', () => {
    expect(siteUrls(undefined, '/')('/gotchas/u6/')).toBe('/gotchas/u6/');
    expect(siteUrls(undefined, '/guide/')('/gotchas/u6/')).toBe('/guide/gotchas/u6/');
  });
});
