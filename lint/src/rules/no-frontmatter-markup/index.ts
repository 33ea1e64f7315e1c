import { html } from 'parse5';
import type { Position } from 'unist';
import { defineRule } from '../define.ts';

/**
 * Attributes a browser acts on: handlers, anything that loads, navigates or styles, and what a <meta> does.
 * On an unknown tag they make it more than pasted text.
 */
const ACTING_ATTRIBUTE = /^(on.+|src|srcset|srcdoc|href|xlink:href|style|action|formaction|http-equiv|content|data|poster|background|ping)$/i;

/**
 * An angle-bracketed run is markup when its name is an element the HTML parser knows (`<script`, `</title`,
 * `<main`, `<svg`, `<style`, `<template`, `<b`), when it carries an attribute a browser acts on, or when it
 * is a comment, declaration or processing instruction. Placeholders and pasted error text (`<name>`,
 * `<locals>`, `<class 'PIL.Image.Image'>`, `</torch_`) are none of these; nor is a bare `<image>`, which
 * the parser reads as an <img> with no source.
 */
function markupTag(text: string): { index: number; what: string } | undefined {
  for (const m of text.matchAll(/<(?:([!?])|(\/?)([A-Za-z][^\t\n\f\r />]*))([^<>]*)/g)) {
    if (m[1]) return { index: m.index, what: `markup \`<${m[1]}\`` };
    const name = m[3].toLowerCase();
    if (html.getTagID(name) !== html.TAG_ID.UNKNOWN && name !== 'image') return { index: m.index, what: `markup \`<${m[2]}${m[3]}\`` };
    const acting = [...m[4].matchAll(/[\s/"']([^\s/>"'=]+)/g)].find((a) => ACTING_ATTRIBUTE.test(a[1]));
    if (acting) return { index: m.index, what: `markup \`<${m[2]}${m[3]} ${acting[1]}\`` };
  }
  return undefined;
}

/** What a string must not hold outside its code spans besides tags, with the words a finding uses for it. */
const MARKUP: { pattern: RegExp; what: (m: string) => string }[] = [
  // Character references, which whatever reads the string as HTML decodes: with `;`, and the legacy names a
  // browser decodes without one.
  { pattern: /&(?:#[0-9]+;?|#x[0-9a-f]+;?|[a-z][a-z0-9]*;|(?:lt|gt)|(?:amp|quot|nbsp)(?![a-z0-9]))/i, what: (m) => `character reference \`${m}\`` },
  // The tail of an attribute someone hopes to break out into: `" onmouseover="…`, `' style='…`.
  { pattern: /(?:^|[\s"'`/])(?:on[a-z]{3,}|style|srcdoc|formaction|src|href)\s*=/i, what: (m) => `attribute text \`${m.trim()}\`` },
  // A script URL anywhere: in a Markdown link of a title, as the whole value of a URL field.
  { pattern: /\b(?:java|vb)[\s\u0000-\u001f]*script[\s\u0000-\u001f]*:/i, what: (m) => `script URL \`${m.replace(/[\s\u0000-\u001f]/g, '')}\`` },
  { pattern: /\]\(\s*<?\s*data\s*:|^[\s\u0000-\u001f]*data:(?!\s)/i, what: () => 'a `data:` URL' },
];

/**
 * The string with its code spans blanked (kept the same length): code spans are shown as code. Spans are read
 * as the site reads them (site/lib/inline.ts: a pair of single backticks), so nothing the site shows as text
 * is skipped here.
 */
export const outsideCodeSpans = (s: string) => s.replace(/`[^`]*`/g, (m) => ' '.repeat(m.length));

/** The first thing in a frontmatter string that would be markup, a reference or a script URL if read as HTML. */
export function markupIn(value: string): string | undefined {
  const text = outsideCodeSpans(value);
  let first = markupTag(text);
  for (const { pattern, what } of MARKUP) {
    const m = pattern.exec(text);
    if (m && (!first || m.index < first.index)) first = { index: m.index, what: what(m[0]) };
  }
  return first?.what;
}

/** Every string in a frontmatter value, with its key path. */
function* strings(value: unknown, path: PropertyKey[] = []): Generator<[PropertyKey[], string]> {
  if (typeof value === 'string') yield [path, value];
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* strings(v, [...path, i]);
  else if (value && typeof value === 'object' && !(value instanceof Date)) for (const [k, v] of Object.entries(value)) yield* strings(v, [...path, k]);
}

const keyPath = (path: PropertyKey[]) => path.map((k, i) => (typeof k === 'number' ? `[${k}]` : `${i ? '.' : ''}${String(k)}`)).join('');

export default defineRule({
  id: 'no-frontmatter-markup',
  description: 'Frontmatter strings are plain text: no HTML, character references, attribute text or script URLs outside code spans',
  severity: 'error',
  kinds: ['gotcha', 'profile', 'catalog', 'reference', 'template', 'rule-doc'],
  scope: 'file',
  check(file, ctx) {
    if (!file.frontmatter.present) return;
    for (const [path, value] of strings(file.frontmatter.data)) {
      const found = markupIn(value);
      if (!found) continue;
      ctx.report(file, {
        message: `Unexpected ${found} in \`${keyPath(path)}\`, expected plain text`,
        place: file.frontmatter.positionOf(path) as Position,
        note: 'Frontmatter is shown as text in the page title, lists, tables, cards, search filters and the exports; markup there is never wanted and in some of those places would be read as HTML. Write the words, and put code, tags or error text with angle brackets in backticks.',
      });
    }
  },
});
