/**
 * The text handler of export/print-text.ts skips the printer's escaping when nothing in the text needs it.
 * Printing with it must give exactly what the printer gives alone: on every content file, and on generated
 * trees that put awkward text in every place text can sit (paragraphs, headings, emphasis, links, table
 * cells, list items), next to the markers whose neighbours decide escaping.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import type { PhrasingContent, Root, RootContent } from 'mdast';
import { toMarkdown } from 'mdast-util-to-markdown';
import { describe, expect, it } from 'vitest';
import { bodyOf, bulletList, code, heading, link, paragraph, print, PRINT_OPTIONS, table, text } from '../src/export/markdown.ts';
import { parseMarkdown } from '../src/markdown/parse.ts';

const CONTENT = fileURLToPath(new URL('../../content/', import.meta.url));

const same = (root: Root) => expect(print(root)).toBe(toMarkdown(root, PRINT_OPTIONS));

const pieces = [
  'word', ' ', '  ', '\t', '\n', '\r', '1', '12', 'a', 'W', 'www', 'p', 's', '-', '--', '*', '_', '`', '~', '#', '+', '=', '>', '<', '<a', '!',
  '[', ']', '(', ')', '|', ':', '/', '.', '@', '&', '&amp;', '\\', '"', "'", '·', '—', 'é', '\u00a0',
];
const words = fc.array(fc.constantFrom(...pieces), { maxLength: 10 }).map((p) => p.join(''));

const phrasing: fc.Arbitrary<PhrasingContent[]> = fc.array(
  fc.oneof(
    words.map(text),
    words.map(code),
    words.map((w): PhrasingContent => ({ type: 'strong', children: [text(w)] })),
    words.map((w): PhrasingContent => ({ type: 'emphasis', children: [text(w)] })),
    fc.tuple(words, words).map(([label, url]) => link(url, label)),
  ),
  { minLength: 1, maxLength: 5 },
);

const block: fc.Arbitrary<RootContent> = fc.oneof(
  phrasing.map(paragraph),
  fc.tuple(fc.integer({ min: 1, max: 6 }), phrasing).map(([depth, p]) => heading(depth, p)),
  fc.array(phrasing, { minLength: 1, maxLength: 3 }).map(bulletList),
  fc.array(fc.tuple(phrasing, phrasing), { minLength: 1, maxLength: 3 }).map((rows) => table(['A', 'B'], rows)),
  phrasing.map((p): RootContent => ({ type: 'blockquote', children: [paragraph(p)] })),
);

describe('print() with the quick text handler', () => {
  it('prints every content file as the printer alone does', () => {
    const files = readdirSync(CONTENT, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.md'));
    expect(files.length).toBeGreaterThan(300);
    for (const f of files) same({ type: 'root', children: bodyOf(parseMarkdown(readFileSync(join(CONTENT, f), 'utf8'))) });
  });

  it('prints generated trees as the printer alone does', () => {
    fc.assert(
      fc.property(fc.array(block, { minLength: 1, maxLength: 4 }), (children) => {
        same({ type: 'root', children });
      }),
      { numRuns: 4000, seed: 20261129 },
    );
  });
});
