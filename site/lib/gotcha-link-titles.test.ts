import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { join } from 'node:path';
import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { afterAll, describe, expect, it } from 'vitest';
import { remarkInternalLinks } from '../../lint/src/markdown/links.ts';
import { linkLabel, readGotchaTitles, remarkGotchaLinkTitles } from './gotcha-link-titles.ts';
import { contentSchema } from './sanitize-schema.ts';

const titles = new Map([
  ['M14', 'Disk full during torch.save'],
  ['U6', 'Quotes " and <img src=x onerror=alert(1)> & co'],
]);

const select = (tree: Root) => ((tree.children[0] as Element).children[0] as Element);

/** Markdown to HTML through the plugin, the link rewriting and the sanitiser, in the site's order. */
const render = (md: string) =>
  String(
    unified()
      .use(remarkParse)
      .use(remarkGotchaLinkTitles, { titles })
      .use(remarkInternalLinks, { base: '/guide/' })
      .use(remarkRehype)
      .use(rehypeSanitize, contentSchema)
      .use(rehypeStringify)
      .processSync(md),
  );

describe('remarkGotchaLinkTitles', () => {
  it('gives a link that shows only the id the target title as tooltip and accessible name', () => {
    const label = linkLabel('M14', 'Disk full during torch.save');
    expect(render('See [M14](gotcha:M14#fix).')).toBe(`<p>See <a href="/guide/gotchas/m14/#fix" title="${label}" aria-label="${label}">M14</a>.</p>`);
  });

  it('keeps link text that says more than the id as the name, and a title the author wrote', () => {
    expect(render('[the disk-full case](gotcha:M14)')).toBe('<p><a href="/guide/gotchas/m14/" title="M14 — Disk full during torch.save">the disk-full case</a></p>');
    expect(render('[M14](gotcha:M14 "see also")')).toBe('<p><a href="/guide/gotchas/m14/" title="see also" aria-label="M14 — Disk full during torch.save">M14</a></p>');
  });

  it('labels reference-style links through their definition', () => {
    expect(render('[M14][m]\n\n[m]: gotcha:M14')).toBe('<p><a href="/guide/gotchas/m14/" title="M14 — Disk full during torch.save" aria-label="M14 — Disk full during torch.save">M14</a></p>');
  });

  it('leaves unknown ids and other schemes alone', () => {
    expect(render('[X9](gotcha:X9) [runpod](profile:runpod)')).toBe('<p><a href="/guide/gotchas/x9/">X9</a> <a href="/guide/profiles/runpod/">runpod</a></p>');
  });

  it('escapes a title full of markup: read back, it is the same text in an attribute and no element', () => {
    const tree = fromHtml(render('[U6](gotcha:U6)'), { fragment: true });
    const elements: string[] = [];
    visit(tree, 'element', (el) => void elements.push(el.tagName));
    expect(elements).toEqual(['p', 'a']);
    const link = select(tree);
    expect(link.properties.title).toBe(`U6 — ${titles.get('U6')}`);
    expect(link.properties.ariaLabel).toBe(`U6 — ${titles.get('U6')}`);
  });
});

describe('readGotchaTitles', () => {
  const root = mkdtempSync(join(tmpdir(), 'kb-titles-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const gotcha = (id: string, title: string, extra = '') => `---\nid: ${id}\ntitle: "${title}"\n${extra}---\n\n## Symptom\n`;

  it('reads every published gotcha below content/gotchas, titles without code-span backticks', () => {
    const content = join(root, 'content');
    mkdirSync(join(content, 'gotchas/alpha'), { recursive: true });
    writeFileSync(join(content, 'gotchas/alpha/a1.md'), gotcha('A1', 'Fails with `ENOSPC`'));
    writeFileSync(join(content, 'gotchas/alpha/a2.md'), gotcha('A2', 'Unfinished', 'draft: true\n'));
    writeFileSync(join(content, 'gotchas/alpha/_template.md'), gotcha('A0', 'Template'));
    writeFileSync(join(root, 'outside.md'), gotcha('A3', 'From outside the tree'));
    symlinkSync(join(root, 'outside.md'), join(content, 'gotchas/alpha/a3.md'));
    expect([...readGotchaTitles(content)]).toEqual([['A1', 'Fails with ENOSPC']]);
  });

  it('is empty for a tree without gotchas', () => {
    expect(readGotchaTitles(join(root, 'nowhere')).size).toBe(0);
  });
});
