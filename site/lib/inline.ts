/**
 * Titles and short profile facts are written with Markdown code spans (`RuntimeError: …`, `nvidia-smi`); these
 * show them outside Markdown. Every frontmatter string is text: components build nodes from these parts
 * (site/components/InlineCode.astro), never an HTML string.
 */

/** The title as plain text, for `<title>`, the page heading and search metadata. */
export const plainTitle = (title: string) => title.replace(/`([^`]*)`/g, '$1');

export interface InlinePart { text: string; code: boolean }

/** The string cut at its code spans: odd parts were inside backticks. */
export const codeSpans = (text: string): InlinePart[] =>
  text
    .split(/`([^`]*)`/)
    .map((part, i) => ({ text: part, code: i % 2 === 1 }))
    .filter((part) => part.code || part.text !== '');

/**
 * Text for the few Starlight props that are HTML by contract (the `<title>` head entry, LinkCard's title and
 * description, Card's title): Starlight writes them with `set:html`, so a string from content must arrive
 * escaped to be shown as the characters it holds.
 */
export const htmlText = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/**
 * A `data-pagefind-filter` value. Pagefind UI writes filter values into its panel as HTML (`{@html value}` in
 * @pagefind/default-ui's filters.svelte), in the search modal of every page: a catalog titled with a
 * `<meta http-equiv=refresh>` redirected every reader who opened search. So Pagefind must store the value as
 * escaped text. It reads the attribute's source and decodes entities in it twice (Pagefind 1.6 stores
 * `&amp;amp;lt;` as `&lt;`), and Astro escapes the attribute once: the value is escaped twice here, and
 * site/test/hostile.test.ts checks what the panel shows.
 */
export const searchFilter = (key: string, value: string) => `${key}:${htmlText(htmlText(value))}`;
