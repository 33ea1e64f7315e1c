/**
 * mdast helpers shared by the machine outputs (the skill bundle and the site's llms-full.txt): build small
 * trees, move headings, drop the `{#id}` syntax that only our dialect understands, and print with
 * mdast-util-to-markdown so escaping, tables and code fences come out as valid GFM.
 */
import { toMarkdown, type Options } from 'mdast-util-to-markdown';
import { gfmToMarkdown } from 'mdast-util-gfm';
import { frontmatterToMarkdown } from 'mdast-util-frontmatter';
import type { Heading, Link, List, ListItem, Nodes, Paragraph, PhrasingContent, Root, RootContent, Table, TableCell } from 'mdast';
import { EXPLICIT_ID, explicitId } from '../markdown/anchors.ts';
import { parseMarkdown } from '../markdown/parse.ts';

export const text = (value: string): PhrasingContent => ({ type: 'text', value });
export const code = (value: string): PhrasingContent => ({ type: 'inlineCode', value });
export const strong = (value: string): PhrasingContent => ({ type: 'strong', children: [text(value)] });
export const link = (url: string, children: PhrasingContent[] | string): Link => ({
  type: 'link',
  url,
  children: typeof children === 'string' ? [text(children)] : children,
});
export const paragraph = (children: PhrasingContent[]): Paragraph => ({ type: 'paragraph', children });
export const heading = (depth: number, children: PhrasingContent[] | string): Heading => ({
  type: 'heading',
  depth: Math.min(6, Math.max(1, depth)) as Heading['depth'],
  children: typeof children === 'string' ? [text(children)] : children,
});
export const bulletList = (items: PhrasingContent[][]): List => ({
  type: 'list',
  ordered: false,
  spread: false,
  children: items.map((children): ListItem => ({ type: 'listItem', spread: false, children: [paragraph(children)] })),
});

/** A GFM table; cells are phrasing content so pipes and backticks are escaped by the printer, not by hand. */
export function table(header: string[], rows: PhrasingContent[][][]): Table {
  const cell = (children: PhrasingContent[]): TableCell => ({ type: 'tableCell', children });
  return {
    type: 'table',
    align: header.map(() => null),
    children: [header.map((h) => cell([text(h)])), ...rows].map((cells) => ({ type: 'tableRow', children: cells.map((c) => (Array.isArray(c) ? cell(c) : c)) })),
  };
}

/** Join phrasing runs with a separator, e.g. links with `, `. */
export function joined(parts: PhrasingContent[][], separator = ', '): PhrasingContent[] {
  return parts.flatMap((part, i) => (i === 0 ? part : [text(separator), ...part]));
}

/**
 * Characters that can begin inline syntax (escapes, code, emphasis, links, HTML, entities, strikethrough,
 * autolinks) or stand for a line ending or control character the parser rewrites. Text with none of them, no
 * edge whitespace and no `www.`/`://`/`mailto:`/`xmpp:` parses to itself: a paragraph of one text node, or
 * a block (a heading, list, quote) for which `inline` returns the text anyway.
 */
const INLINE_SYNTAX = /[\\`*_[\]!<>&~@\u0000-\u001f\u007f]|www\.|:\/\/|mailto:|xmpp:/i;

/** Titles already parsed: a gotcha's title is asked for by llms.txt, llms-full.txt and each profile listing it. */
const parsedTitles = new Map<string, PhrasingContent[]>();
const PARSED_TITLES_MAX = 10_000;

/**
 * Raw HTML in a title is text: a title is frontmatter, shown as the characters it holds on the site, and an
 * export a Markdown viewer renders must not turn `</title><script>` or `<img src=//…>` back into markup.
 */
export const htmlAsText = (node: PhrasingContent): PhrasingContent => (node.type === 'html' ? text(node.value) : node);

/**
 * Inline Markdown (a title written with code spans) as phrasing nodes, parsed by the project's one
 * processor so a title reads the same here as on the site. Most titles hold no inline syntax; those skip the
 * parse (hundreds of them per export, each a full micromark set-up), and a title parsed once is not parsed
 * again. Raw HTML comes back as text (`htmlAsText`). The nodes are the caller's own to change.
 */
export function inline(markdown: string): PhrasingContent[] {
  if (!INLINE_SYNTAX.test(markdown) && markdown.trim() === markdown) return [text(markdown)];
  let nodes = parsedTitles.get(markdown);
  if (!nodes) {
    const first = parseMarkdown(markdown).children[0];
    nodes = first?.type === 'paragraph' ? first.children.map(htmlAsText) : [text(markdown)];
    // A long-lived process (the dev server) sees titles change; it starts over rather than grow without end.
    if (parsedTitles.size >= PARSED_TITLES_MAX) parsedTitles.clear();
    parsedTitles.set(markdown, nodes);
  }
  return structuredClone(nodes);
}

/** The body of a parsed file: every top-level node except the frontmatter block, deep-copied. */
export function bodyOf(tree: Root): RootContent[] {
  return structuredClone(tree.children.filter((n) => n.type !== 'yaml'));
}

/** Call `fn` on every node of a forest, parents before children. */
export function walk(nodes: readonly Nodes[], fn: (node: Nodes) => void): void {
  for (const node of nodes) {
    fn(node);
    if ('children' in node) walk(node.children as Nodes[], fn);
  }
}

/** Move every heading of a forest by `delta` levels, clamped to 1–6. */
export function shiftHeadings(nodes: readonly Nodes[], delta: number): void {
  walk(nodes, (n) => {
    if (n.type === 'heading') n.depth = Math.min(6, Math.max(1, n.depth + delta)) as Heading['depth'];
  });
}

/**
 * Remove `{#id}` from headings. Outside our own renderer the syntax is shown literally (GitHub, most
 * agents), so outputs address headings by their plain slug instead.
 */
export function stripExplicitIds(nodes: readonly Nodes[]): void {
  walk(nodes, (n) => {
    if (n.type !== 'heading' || explicitId(n) === undefined) return;
    const last = n.children.at(-1);
    if (last?.type === 'text') last.value = last.value.replace(EXPLICIT_ID, '');
  });
}

/** How the outputs print GFM: the printer's own escaping and handlers, with our choice of markers. */
const PRINT_OPTIONS: Options = {
  extensions: [gfmToMarkdown({ tablePipeAlign: false }), frontmatterToMarkdown(['yaml'])],
  bullet: '-',
  emphasis: '_',
  strong: '*',
  fences: true,
  rule: '-',
  listItemIndent: 'one',
  tightDefinitions: true,
};

/** Print a tree as GFM Markdown (with a YAML block when the tree starts with one). */
export function print(root: Root): string {
  return toMarkdown(root, PRINT_OPTIONS);
}
