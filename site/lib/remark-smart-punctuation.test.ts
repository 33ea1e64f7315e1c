import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkSmartypants from 'remark-smartypants';
import { retext } from 'retext';
import retextSmartypants from 'retext-smartypants';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { remarkSmartPunctuation, SECOND_PASS } from './remark-smart-punctuation.ts';

const CONTENT = join(import.meta.dirname, '../../content');

/** Parse as Astro does (remark-parse and GFM), then run one plugin over the tree. */
function educate(markdown: string, plugin: typeof remarkSmartPunctuation | typeof remarkSmartypants): Root {
  const processor = unified().use(remarkParse).use(remarkGfm).use(plugin as typeof remarkSmartPunctuation);
  return processor.runSync(processor.parse(markdown)) as Root;
}

const same = (markdown: string) => expect(educate(markdown, remarkSmartPunctuation)).toEqual(educate(markdown, remarkSmartypants));

/** Text made of what the passes look at: quotes, dashes, dots, backticks, spacing, inline syntax and words. */
const punctuated = fc
  .array(fc.constantFrom('"', "'", '`', '``', "''", '-', '--', '---', '.', '...', '. . .', ' ', '  ', '\n', '*', '**', '_', '[a](b)', '(', ')', ',', 'word', "don't", '80s', '|'), { maxLength: 40 })
  .map((parts) => parts.join(''));

describe('remarkSmartPunctuation', () => {
  it('gives the same tree as remark-smartypants on every content file', () => {
    const files = readdirSync(CONTENT, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.md'));
    expect(files.length).toBeGreaterThan(300);
    for (const f of files) same(readFileSync(join(CONTENT, f), 'utf8'));
  });

  it('gives the same tree as remark-smartypants on generated punctuation, inline syntax and tables', () => {
    fc.assert(
      fc.property(punctuated, punctuated, (a, b) => {
        same(`${a}\n\n| ${a} | x |\n| - | - |\n| ${b} | "y" |\n\n# ${b}`);
      }),
      { numRuns: 2000, seed: 20261129 },
    );
  });

  it('educates across inline nodes: quotes pair around bold text, a link and a code span', () => {
    const tree = educate('She said "**stop** the [pod](x) -- now..." and `code` "ends"', remarkSmartPunctuation);
    const p = tree.children[0] as { children: { value?: string; children?: { value: string }[] }[] };
    const text = p.children.map((n) => n.value ?? n.children?.map((c) => c.value).join('')).join('');
    expect(text).toBe('She said “stop the pod — now…” and code “ends”');
  });

  // The skip is sound only if the second pass never changes text the pattern rejects.
  it('the second pass leaves unchanged any text its skip pattern rejects', () => {
    const rest = retext().use(retextSmartypants, { quotes: false });
    fc.assert(
      fc.property(punctuated, (text) => {
        if (!SECOND_PASS.test(text)) expect(String(rest.processSync(text))).toBe(text);
      }),
      { numRuns: 3000, seed: 7 },
    );
  });
});
