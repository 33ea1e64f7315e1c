/**
 * Page text and quotes brought to one form before comparing, so a page that only changed its markup,
 * typography or line breaks still "has" the quote. Both sides go through `comparableText`:
 * - HTML becomes its rendered text (hast-util-from-html + hast-util-to-text); script, style, noscript and
 *   template elements are dropped first, since their text is never on the page a reader sees;
 * - Unicode NFKC (full-width punctuation in Chinese docs becomes ASCII, ligatures split);
 * - curly single and double quotes become ' and ", every dash and minus becomes -, an ellipsis becomes ...;
 * - soft hyphens and zero-width characters go; every run of whitespace (non-breaking spaces too) is one space;
 * - case is FOLDED (lower case): docs re-capitalise headings and buttons without changing what they say.
 * Markdown a quote may carry (backticks around a command) is not stripped: quote the page as it reads.
 */
import type { Element, Nodes, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toText } from 'hast-util-to-text';

const HIDDEN = new Set(['script', 'style', 'noscript', 'template']);

function dropHidden(node: Root | Element): void {
  node.children = node.children.filter((child) => !(child.type === 'element' && HIDDEN.has(child.tagName))) as typeof node.children;
  for (const child of node.children) if (child.type === 'element') dropHidden(child);
}

/** Whether a body is HTML: by its Content-Type, or by its first characters when the type is missing. */
export function isHtml(contentType: string, body: string): boolean {
  if (/html|xml/i.test(contentType)) return true;
  if (contentType.trim() !== '') return false;
  return /^\s*(<!doctype html|<html|<head|<body)/i.test(body);
}

/** The text a reader sees on the page. */
export function pageText(body: string, contentType: string): string {
  if (!isHtml(contentType, body)) return body;
  const tree = fromHtml(body);
  dropHidden(tree);
  return toText(tree as Nodes);
}

export function comparableText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u201A\u201B\u2032]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g, '"')
    .replace(/[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g, '-')
    .replace(/\u2026/g, '...')
    .replace(/[\u00AD\u200B-\u200D\u2060\uFEFF]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** Whether the page's text contains the quote, both normalised. */
export function containsQuote(pageBody: string, contentType: string, quote: string): boolean {
  const needle = comparableText(quote);
  return needle !== '' && comparableText(pageText(pageBody, contentType)).includes(needle);
}
