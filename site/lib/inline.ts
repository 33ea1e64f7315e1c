/**
 * Titles and short profile facts are written with Markdown code spans (`RuntimeError: …`, `nvidia-smi`); these
 * render them outside Markdown.
 */

/** The title as plain text, for `<title>`, the page heading and search metadata. */
export const plainTitle = (title: string) => title.replace(/`([^`]*)`/g, '$1');

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The title (or a fact) as escaped HTML with code spans kept as `<code>`. */
export const titleHtml = (title: string) =>
  title
    .split(/`([^`]*)`/)
    .map((part, i) => (i % 2 ? `<code>${escape(part)}</code>` : escape(part)))
    .join('');
