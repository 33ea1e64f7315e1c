/**
 * Curly quotes, em dashes and ellipses in the rendered pages: what Astro's default remark-smartypants does,
 * with the same retext-smartypants passes over the same text, but without re-parsing text that cannot change.
 *
 * remark-smartypants educates quotes once over a page's whole text (so a quote pairs across `**bold**` and
 * links), then runs a second retext parse on every text node for dashes, ellipses and backtick quotes, which
 * change lengths and so cannot be spliced back by offset. That second parse per node was most of its cost on
 * this corpus (~0.4 s of a build), though only a node holding `--`, ` `` `, `''` or dots can change in it.
 * site/lib/remark-smart-punctuation.test.ts holds this plugin to remark-smartypants' output on every content file
 * and on generated text.
 */
import type { Nodes, Parents, Root } from 'mdast';
import { retext } from 'retext';
import retextSmartypants from 'retext-smartypants';
import { visit } from 'unist-util-visit';

/** Blocks whose text starts fresh: a quote at their start always opens, so the joined text gets a space. */
const BLOCKS = new Set(['paragraph', 'heading', 'tableCell']);
/** Literals whose text is joined; a code span takes its place as letters so quotes around it pair. */
const LITERALS = new Set(['text', 'inlineCode']);

/** Text in which the second pass can change something: `--`, ` `` `, `''`, or two dots with only spaces between. */
export const SECOND_PASS = /--|``|''|\.\s*\./;

export function remarkSmartPunctuation() {
  const quotes = retext().use(retextSmartypants, { ellipses: false, dashes: false, backticks: false });
  const rest = retext().use(retextSmartypants, { quotes: false });
  return (tree: Root) => {
    const nodes: Nodes[] = [];
    let joined = '';
    visit(tree, (node: Nodes, _index, parent: Parents | undefined) => {
      if (!parent) return;
      if (LITERALS.has(node.type)) {
        const value = (node as { value: string }).value;
        joined += node.type === 'text' ? value : 'A'.repeat(value.length);
        nodes.push(node);
      } else if (BLOCKS.has(node.type)) {
        joined += ' ';
        nodes.push(node);
      }
    });
    const educated = String(quotes.processSync(joined));
    let at = 0;
    for (const node of nodes) {
      if (!LITERALS.has(node.type)) {
        at += 1;
        continue;
      }
      const literal = node as { type: string; value: string };
      const end = at + literal.value.length;
      if (literal.type === 'text') {
        const text = educated.slice(at, end);
        literal.value = SECOND_PASS.test(text) ? String(rest.processSync(text)) : text;
      }
      at = end;
    }
  };
}
