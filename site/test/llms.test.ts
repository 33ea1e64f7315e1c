/** The text the site serves to language models, rendered from plain data (site/lib/llms.ts). */
import { describe, expect, it } from 'vitest';
import { renderFullText, renderLlmsIndex, siteUrls } from '../lib/llms.ts';

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

  it('without a configured site, URLs are absolute paths under the base', () => {
    expect(siteUrls(undefined, '/')('/gotchas/u6/')).toBe('/gotchas/u6/');
    expect(siteUrls(undefined, '/guide/')('/gotchas/u6/')).toBe('/guide/gotchas/u6/');
  });
});
