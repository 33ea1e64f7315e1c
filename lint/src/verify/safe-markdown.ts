/**
 * Text from content files and fetched pages, made inert for a GitHub issue or pull request body: it can
 * neither notify anyone (`@name` gets a zero-width joiner after the `@`), nor show an image or raw HTML
 * (`<` and `>` become entities, `![` loses its `!`), nor break out of a table cell or a link text. The
 * structure around it (headings, tables, our own links) is written by us, never taken from the content.
 */
const ZWJ = '\u200D';

/** One line of untrusted text, safe inside a Markdown table cell or a list item. */
export function inertText(text: string): string {
  return text
    .replace(/[\u0000-\u001F\u007F]+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/!\[/g, '[')
    .replace(/@/g, `@${ZWJ}`)
    .replace(/([\\`*_[\]|#])/g, '\\$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A URL as a link only when it is plain http(s) with no characters that could end the link or its text
 * early; otherwise as code. A `[url](url)` link rather than `<url>`, so the issue script's own filter (which
 * turns every `<` into an entity) leaves it working.
 */
export function inertLink(url: string): string {
  const safe = /^https?:\/\/[^\s<>()[\]"'`|\\*_@]+$/.test(url);
  return safe ? `[${url}](${url})` : `\`${url.replace(/[`|]/g, "'")}\``;
}
