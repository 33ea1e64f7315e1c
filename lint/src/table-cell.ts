/**
 * Text as one cell of a table on one line, for the three tables kb-lint and the site write by hand: the
 * stale report and the GitHub job summary (Markdown) and the signatures download (tab-separated, read by
 * scripts/diagnose_log.sh).
 *
 * Markdown (GitHub-flavoured): every run of whitespace, line breaks and tabs included, becomes one space (a
 * line break, `\r` alone too, would end the row), and `|` is escaped so it cannot end the cell. Outside code
 * spans a backslash is escaped as well, so a `\|` in the text shows as written instead of turning into a
 * bare pipe. Inside a code span backslashes are literal and GFM removes only the one before an escaped pipe,
 * so only the pipe is escaped, and backslashes right before it are doubled: a parser that reads `\\` as an
 * escaped backslash (micromark does) would otherwise take the pipe for the cell's end. Such a backslash then
 * shows twice; the row stays whole, which is what matters.
 *
 * TSV: a field ends at a tab and a row at a line break, and nothing can be escaped, so tabs and line breaks
 * become one space and everything else is kept as it is: a pattern keeps its `|` and `\`, a literal its
 * spacing.
 */

export interface CellOptions {
  /** `markdown` (default) or `tsv`. */
  format?: 'markdown' | 'tsv';
  /** Longer text is cut to this many characters, ending in `…` (counted before escaping). */
  max?: number;
}

/** A code span (backtick run, content, the same run) or a stretch of text without one. */
const CODE_SPAN = /(`+)(?!`)([\s\S]*?[^`])\1(?!`)/g;

const escapeText = (text: string) => text.replace(/[\\|]/g, '\\$&');

function escapeMarkdown(text: string): string {
  let out = '';
  let at = 0;
  for (const m of text.matchAll(CODE_SPAN)) {
    out += escapeText(text.slice(at, m.index)) + m[0].replace(/(\\*)\|/g, '$1$1\\|');
    at = m.index + m[0].length;
  }
  return out + escapeText(text.slice(at));
}

export function tableCell(text: string, options: CellOptions = {}): string {
  const tsv = options.format === 'tsv';
  const flat = tsv ? text.replace(/[\t\r\n]+/g, ' ') : text.replace(/\s+/g, ' ').trim();
  const max = options.max ?? Infinity;
  const cut = flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
  return tsv ? cut : escapeMarkdown(cut);
}
