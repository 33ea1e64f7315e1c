/**
 * llms-full.txt splices each page's source instead of reprinting it (site/lib/export-marks.ts). The splice
 * must change exactly what the reprint changed: scheme links and same-page anchors become site URLs, `{#id}`
 * tails and frontmatter go, and nothing else of the Markdown's meaning moves. Checked on every file of the real
 * corpus by parsing both outputs, and on the link and heading shapes Markdown allows; where a shape cannot be
 * located exactly, there are no marks and the page is printed from its tree as before.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Nodes, Root } from 'mdast';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { corpusFiles } from '../../lint/src/files.ts';
import { parseMarkdown } from '../../lint/src/markdown/parse.ts';
import { hrefFor, parseInternalLink } from '../../lint/src/markdown/links.ts';
import { applyMarks, exportMarks, isMarkList, MARKS_KEY, remarkExportMarks } from '../lib/export-marks.ts';
import { bodyOf, print, stripExplicitIds, walk } from '../../lint/src/export/markdown.ts';
import { renderFullText, siteUrls } from '../lib/llms.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PAGE = 'https://guide.test/reference/page/';
const url = siteUrls(new URL('https://guide.test'), '/');
const rewrite = (u: string) => {
  const internal = parseInternalLink(u);
  return internal ? url(hrefFor(internal)) : u.startsWith('#') ? PAGE + u : u;
};

/** What a reader gets from a document: every link's URL and every heading's text, in order. */
function meaning(tree: Root) {
  const links: string[] = [];
  const headings: string[] = [];
  walk(tree.children, (n: Nodes) => {
    if (n.type === 'link' || n.type === 'definition') links.push(n.url);
    if (n.type === 'heading') headings.push(print({ type: 'root', children: n.children.map((c) => structuredClone(c)) } as Root).trim());
  });
  return { links, headings, blocks: tree.children.filter((n) => n.type !== 'yaml' && n.type !== 'definition').map((n) => n.type) };
}

/** The reprint's changes made on the tree, as renderFullText did them before marks. */
function reprinted(source: string) {
  const nodes = bodyOf(parseMarkdown(source));
  walk(nodes, (n) => {
    if (n.type === 'link' || n.type === 'definition') n.url = rewrite(n.url);
  });
  stripExplicitIds(nodes);
  return meaning({ type: 'root', children: nodes });
}

function spliced(source: string) {
  const marks = exportMarks(parseMarkdown(source), source);
  return marks && applyMarks(source, marks, rewrite);
}

describe('export marks', () => {
  it('change every file of the real corpus exactly as the reprint did', async () => {
    const files = (await corpusFiles(ROOT)).filter((f) => f.endsWith('.md'));
    expect(files.length).toBeGreaterThan(100);
    for (const file of files) {
      const source = readFileSync(join(ROOT, file), 'utf8');
      const out = spliced(source);
      // The real corpus never needs the slow path.
      expect(out, file).toBeDefined();
      expect(meaning(parseMarkdown(out!)), file).toEqual(reprinted(source));
    }
  });

  it.each([
    ['an inline link with a title', 'See [U6](gotcha:U6 "disk") now.\n', 'See [U6](https://guide.test/gotchas/u6/ "disk") now.\n'],
    ['an angle-bracket destination', 'See [U6](<gotcha:U6>).\n', 'See [U6](<https://guide.test/gotchas/u6/>).\n'],
    ['an autolink', 'See <gotcha:U6>.\n', 'See <https://guide.test/gotchas/u6/>.\n'],
    ['link text with brackets and code', 'See [`a]` [b]](principle:8).\n', 'See [`a]` [b]](https://guide.test/reference/principles/#principle-8).\n'],
    ['an empty link text', 'See [](gotcha:U6).\n', 'See [](https://guide.test/gotchas/u6/).\n'],
    ['a destination on the next line', 'See [U6](\n  gotcha:U6).\n', 'See [U6](\n  https://guide.test/gotchas/u6/).\n'],
    ['a definition', 'See [U6][d].\n\n[d]: gotcha:U6 "t"\n', 'See [U6][d].\n\n[d]: https://guide.test/gotchas/u6/ "t"\n'],
    ['a same-page anchor', 'Up to [top](#top).\n', `Up to [top](${PAGE}#top).\n`],
    ['a link the export keeps', 'See [docs](https://example.com/a_b).\n', 'See [docs](https://example.com/a_b).\n'],
    ['an explicit id', '## Cadence {#cadence}\n\nText.\n', '## Cadence\n\nText.\n'],
    ['an explicit id after a link', '## See [U6](gotcha:U6) {#see}\n', '## See [U6](https://guide.test/gotchas/u6/)\n'],
    ['an id before closing hashes', '## Cadence {#cadence} ##\n', '## Cadence ##\n'],
    ['a setext heading with an id', 'Cadence {#cadence}\n---\n', 'Cadence\n---\n'],
    ['a frontmatter block', '---\ntitle: x\n---\n\nBody [U6](gotcha:U6).\n', '\n\nBody [U6](https://guide.test/gotchas/u6/).\n'],
    ['a closed fence', '```sh\necho [x](gotcha:U6)\n```\n', '```sh\necho [x](gotcha:U6)\n```\n'],
  ])('splice %s', (_, source, expected) => {
    expect(spliced(source)).toBe(expected);
  });

  it.each([
    ['an unclosed fence', 'Text.\n\n```sh\necho hi\n'],
    ['a fence closed by a shorter one', '````sh\necho hi\n```\n'],
    ['an unclosed <pre> at the end', 'Text.\n\n<pre>\nraw\n'],
    ['a link whose source spells its URL otherwise', 'See [U6](gotcha:U&#54;).\n'],
  ])('no marks for %s', (_, source) => {
    expect(exportMarks(parseMarkdown(source), source)).toBeUndefined();
  });

  it('accepts only a sorted list of marks that fits the source', () => {
    expect(isMarkList([{ start: 0, end: 2 }, { start: 4, end: 6, url: 'gotcha:U6' }], 6)).toBe(true);
    expect(isMarkList([], 0)).toBe(true);
    for (const bad of [undefined, null, 'x', {}, [{ start: 0 }], [{ start: 0, end: 7 }], [{ start: 3, end: 2 }], [{ start: 2, end: 4 }, { start: 3, end: 5 }], [{ start: 0.5, end: 1 }], [{ start: 0, end: 1, url: 5 }], [null]]) {
      expect(isMarkList(bad, 6), JSON.stringify(bad)).toBe(false);
    }
  });

  it('are recorded by the remark plugin in a new frontmatter object, the tree untouched', () => {
    const source = '## Cadence {#cadence}\n\n[U6](gotcha:U6)\n';
    const data = { title: 'x' };
    const file = new VFile({ value: source, data: { astro: { frontmatter: data } } });
    const processor = unified().use(remarkParse).use(remarkExportMarks);
    const tree = processor.parse(file);
    const before = structuredClone(tree);
    processor.runSync(tree, file);
    expect(tree).toEqual(before);
    expect(data).toEqual({ title: 'x' });
    const recorded = (file.data.astro as { frontmatter: Record<string, unknown> }).frontmatter;
    expect(recorded.title).toBe('x');
    expect(recorded[MARKS_KEY]).toEqual(exportMarks(parseMarkdown(source), source));
    // A body that cannot be spliced is recorded as such, and the site falls back to parsing it.
    const unclosed = new VFile({ value: '```\nx\n', data: { astro: { frontmatter: {} } } });
    processor.runSync(processor.parse(unclosed), unclosed);
    expect((unclosed.data.astro as { frontmatter: Record<string, unknown> }).frontmatter[MARKS_KEY]).toBeNull();
  });

  it('give renderFullText the same text whether they come with the page, are worked out, or are unusable', () => {
    const body = '## Cadence {#cadence}\n\nSee [U6](gotcha:U6) and [below](#cadence).\n';
    const page = { title: 'Page', url: PAGE, body };
    const plain = renderFullText({ title: 'All', summary: 'S.', pages: [page] }, url);
    const given = renderFullText({ title: 'All', summary: 'S.', pages: [{ ...page, marks: exportMarks(parseMarkdown(body), body) }] }, url);
    const junk = renderFullText({ title: 'All', summary: 'S.', pages: [{ ...page, marks: [{ start: 0, end: 999 }] }] }, url);
    expect(given).toBe(plain);
    expect(junk).toBe(plain);
    expect(plain).toContain(`See [U6](https://guide.test/gotchas/u6/) and [below](${PAGE}#cadence).`);
    // A page that cannot be spliced is printed from its tree, links rewritten all the same.
    const unclosed = renderFullText({ title: 'All', summary: 'S.', pages: [{ title: 'P', url: PAGE, body: 'See [U6](gotcha:U6).\n\n```sh\necho\n' }] }, url);
    expect(unclosed).toContain('See [U6](https://guide.test/gotchas/u6/).');
    expect(unclosed).toMatch(/```sh\necho\n```/);
  });
});
