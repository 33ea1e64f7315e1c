/**
 * An attacker's frontmatter (issue 33): strings a pull request could put in any field, each trying to run
 * script, leave the page, load something from outside or restyle the page, wherever the site shows the field
 * (tab title, <head>, headings, lists, tables, cards, search metadata and filters, exports). Every vector
 * that runs script sets `window.__pwned` or opens a dialog; everything outside points at `outside.invalid`.
 */

export const OUTSIDE_HOST = 'outside.invalid';

/** Written to leave whatever context the string lands in: text, an attribute, RCDATA, a script, a style. */
export const VECTORS: readonly string[] = [
  // Out of <title> (RCDATA) and into the head, ahead of a policy that comes later.
  `</title><script>window.__pwned='title';alert(document.domain)</script>`,
  // A <main> ahead of the real one, so "scripts outside <main>" would cover every script after it.
  `<main><script>window.__pwned='main'</script>`,
  // Out of an inline script or JSON island.
  `</script><script>window.__pwned='script-close'</script>`,
  // Out of a double-quoted attribute, then a single-quoted one, then an unquoted one.
  `"><img src=x onerror="window.__pwned='attr-dq';alert(1)">`,
  `' autofocus onfocus='window.__pwned="attr-sq"' x='`,
  `x onmouseover=window.__pwned='attr-unquoted' `,
  // No script needed: leave the page, or fetch from outside.
  `<meta http-equiv="refresh" content="0;url=https://${OUTSIDE_HOST}/meta-refresh">`,
  `<img src="//${OUTSIDE_HOST}/pixel.png" alt="">`,
  `<link rel="stylesheet" href="https://${OUTSIDE_HOST}/sheet.css">`,
  `<base href="https://${OUTSIDE_HOST}/base/">`,
  // Encoded so that one decode too many turns it into markup.
  `&lt;img src=x onerror=window.__pwned='entity'&gt;`,
  `&#60;script&#62;window.__pwned='numeric'&#60;/script&#62;`,
  `&#x3c;img src=//${OUTSIDE_HOST}/hex.png&#x3e;`,
  `&amp;lt;img src=x onerror=window.__pwned='double'&amp;gt;`,
  `&ltimg src=x onerror=window.__pwned='legacy'&gt`,
  // SVG and MathML, where parsing rules change.
  `<svg onload="window.__pwned='svg'"><script>window.__pwned='svg-script'</script></svg>`,
  `<math><mtext><table><mglyph><style><img src=x onerror="window.__pwned='mxss'">`,
  // Templates, styles, comments and raw-text elements.
  `<template><img src=x onerror="window.__pwned='template'"></template><style>@import url(//${OUTSIDE_HOST}/import.css);body{display:none}</style>`,
  `<!--<img src="--><img src=x onerror="window.__pwned='comment'">-->`,
  `<noscript><p title="</noscript><img src=x onerror=window.__pwned='noscript'>">`,
  `<iframe srcdoc="<script>parent.__pwned='srcdoc'</script>"></iframe>`,
  `<textarea></textarea><img src=x onerror="window.__pwned='textarea'">`,
  // Links, for wherever a title is read as Markdown (exports).
  `[read me](javascript:window.__pwned='md-link')`,
  `<a href="javascript:window.__pwned='a-href'">go</a>`,
  `![x](data:image/svg+xml,%3Csvg%20onload%3Dalert(1)%3E)`,
];

/** Every title carries the two that broke the site before (issue 33), so each collection is tried with them. */
export const TITLE_VECTOR = `${VECTORS[0]}${VECTORS[1]}`;

/** A source URL the schema accepts (https, public host) that still tries to leave an `href="…"`. */
export const URL_VECTOR = `https://example.com/a"><script>window.__pwned='url'</script><img src="//${OUTSIDE_HOST}/u.png`;

/** Source URLs the schema refuses: for the lint proof only, since the build stops on them. */
export const SCRIPT_URLS: readonly string[] = ['javascript:window.__pwned=1', 'JaVa\tScRiPt:window.__pwned=1', `data:text/html,<script>window.__pwned=1</script>`];

/** Every string leaf of a value, with its key path. */
export function stringPaths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (typeof value === 'string') return [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringPaths(v, [...path, i]));
  if (value && typeof value === 'object' && !(value instanceof Date)) return Object.entries(value).flatMap(([k, v]) => stringPaths(v, [...path, k]));
  return [];
}

function withValue<T>(data: T, path: (string | number)[], next: string): T {
  const copy = structuredClone(data) as Record<string | number, unknown>;
  let at = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
  at[path.at(-1)!] = next;
  return copy as T;
}

export interface Injected<T> { data: T; fields: { path: string; vector: string }[]; refused: string[] }

export const keyPath = (path: (string | number)[]) => path.map((k, i) => (typeof k === 'number' ? `[${k}]` : `${i ? '.' : ''}${k}`)).join('');

/**
 * `data` with a vector appended to every string field the schema still accepts with it (titles get
 * TITLE_VECTOR, `url`s URL_VECTOR, the rest VECTORS in turn). `accepts` is the collection's own schema, so
 * what reaches the build is exactly what a pull request could get past it; fields whose format refuses every
 * vector (ids, months, enums) are listed in `refused`. `turn` is shared by the files of a fixture, so the
 * vectors are spread over all their fields.
 */
export function inject<T>(data: T, accepts: (candidate: T) => boolean, turn: { next: number }): Injected<T> {
  let current = data;
  const fields: Injected<T>['fields'] = [];
  const refused: string[] = [];
  for (const path of stringPaths(data)) {
    const key = path.at(-1);
    const original = path.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], data) as string;
    const tries = key === 'title' ? [TITLE_VECTOR] : key === 'url' ? [URL_VECTOR] : [VECTORS[turn.next++ % VECTORS.length], ...VECTORS];
    const hit = tries.map((vector) => ({ vector, next: withValue(current, path, key === 'url' ? vector : `${original} ${vector}`) })).find((t) => accepts(t.next));
    if (!hit) {
      refused.push(keyPath(path));
      continue;
    }
    current = hit.next;
    fields.push({ path: keyPath(path), vector: hit.vector });
  }
  return { data: current, fields, refused };
}
