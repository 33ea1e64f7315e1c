/**
 * A pinned quote's surroundings: the hash that says which version of a page a quote was read in, and the passage
 * a drifted quote's page now has in its place.
 *
 * The hash is over the page's *letters and digits* only (after `comparableText`), the quote plus CONTEXT_RADIUS of
 * them on each side. Dropping punctuation and spaces makes the same passage hash alike whether it was read as
 * rendered HTML, as the Markdown behind it or as a stored text copy (bullets, `**`, backticks and line breaks
 * differ between those), while any change to the words around the quote changes it.
 */
import { createHash } from 'node:crypto';
import { comparableText, pageText } from './comparable-text.ts';

/** Letters and digits each side of the quote that the hash covers: about two sentences. */
export const CONTEXT_RADIUS = 160;

const canonical = (text: string) => comparableText(text).replace(/[^\p{L}\p{N}]+/gu, '');

/** `sha256:<hex>` of the quote and its surroundings in `text` (plain text), or undefined when the quote is not in it. */
export function contextHashOfText(text: string, quote: string): string | undefined {
  const page = canonical(text);
  const needle = canonical(quote);
  const at = needle === '' ? -1 : page.indexOf(needle);
  if (at === -1) return undefined;
  const window = page.slice(Math.max(0, at - CONTEXT_RADIUS), at + needle.length + CONTEXT_RADIUS);
  return `sha256:${createHash('sha256').update(window, 'utf8').digest('hex')}`;
}

/** The same for a fetched body (HTML rendered to its text first). */
export const contextHash = (body: string, contentType: string, quote: string) => contextHashOfText(pageText(body, contentType), quote);

/**
 * The run of the page's words most like the quote: the window of as many words as the quote that shares the
 * most words with it (a sliding count, linear in the page). What a reader compares with the quote to see what
 * the source says now; undefined when no word is shared at all.
 */
export function nearestPassage(body: string, contentType: string, quote: string, maxChars = 320): string | undefined {
  const words = comparableText(pageText(body, contentType)).split(' ').filter(Boolean);
  // Words compared without their punctuation: `stopped.` on the page is the quote's `stopped`.
  const key = (w: string) => w.replace(/[^\p{L}\p{N}]+/gu, '');
  const want = new Map<string, number>();
  for (const w of comparableText(quote).split(' ').map(key).filter(Boolean)) want.set(w, (want.get(w) ?? 0) + 1);
  const n = [...want.values()].reduce((a, b) => a + b, 0);
  if (n === 0 || words.length === 0) return undefined;
  const have = new Map<string, number>();
  let shared = 0;
  let best = 0;
  let bestEnd = -1;
  const add = (w: string, d: 1 | -1) => {
    const before = have.get(w) ?? 0;
    const after = before + d;
    have.set(w, after);
    const cap = want.get(w) ?? 0;
    shared += Math.min(after, cap) - Math.min(before, cap);
  };
  for (let i = 0; i < words.length; i++) {
    add(key(words[i]), 1);
    if (i >= n) add(key(words[i - n]), -1);
    if (shared > best) [best, bestEnd] = [shared, i];
  }
  if (best === 0) return undefined;
  const text = words.slice(Math.max(0, bestEnd - n + 1), bestEnd + 1).join(' ');
  return text.length > maxChars ? `${text.slice(0, maxChars - 1)}…` : text;
}

/** The quote with `radius` characters of the page's text each side (normalised), for a report. */
export function surroundings(body: string, contentType: string, quote: string, radius = 200): string | undefined {
  const text = comparableText(pageText(body, contentType));
  const needle = comparableText(quote);
  const at = needle === '' ? -1 : text.indexOf(needle);
  if (at === -1) return undefined;
  const start = Math.max(0, at - radius);
  const end = Math.min(text.length, at + needle.length + radius);
  return `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`;
}
