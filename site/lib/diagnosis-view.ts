/**
 * What a diagnosis shows, as text and parts, without the DOM: the summary sentence, a title split into text
 * and `code` parts, and a gotcha's address in the reader's language. site/components/diagnose-results.ts
 * builds the nodes from these.
 */
import type { DiagnoseResult } from '../../lint/src/diagnose/engine.ts';

/** The sentence above the matches (or in place of them). */
export function diagnosisSummary(result: Pick<DiagnoseResult, 'matches' | 'lines' | 'errorLines' | 'truncated'>): string {
  const n = result.matches.length;
  if (!n) return `No gotcha matched (${result.lines} lines read). Try pasting the last 50 lines, with the traceback's final line.`;
  return `${n} likely ${n === 1 ? 'cause' : 'causes'} from ${result.lines} lines (${result.errorLines} distinct error lines)${result.truncated ? '; part of the log was cut' : ''}.`;
}

/** A title as text and `code span` parts, in order; the caller builds each part as a node, never as HTML. */
export function titleParts(title: string): { code: boolean; text: string }[] {
  return title
    .split(/(`[^`]+`)/)
    .filter(Boolean)
    .map((part) => (/^`[^`]+`$/.test(part) ? { code: true, text: part.slice(1, -1) } : { code: false, text: part }));
}

/** The translated gotcha pages of the edition the reader is on (Search.astro renders them). */
export interface LocalePages {
  /** The site's base path, no trailing slash. */
  base: string;
  /** The edition's prefix, base included (`/base/zh-cn`). */
  prefix: string;
  /** Routes below the base that the edition has translated (`/gotchas/rp4/`). */
  routes: readonly string[];
}

/** A gotcha's link in the reader's language: the translation when the edition has one, else the English page. */
export function localeUrl(url: string, pages: LocalePages | undefined): string {
  if (!pages) return url;
  const route = url.startsWith(`${pages.base}/`) ? url.slice(pages.base.length) : url;
  return pages.routes.includes(route) ? `${pages.prefix}${route}` : url;
}
