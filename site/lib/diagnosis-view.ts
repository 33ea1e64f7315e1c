/**
 * What a diagnosis shows, as text and parts, without the DOM: the summary sentence, a title split into text
 * and `code` parts, and a gotcha's address and title in the reader's language. site/components/diagnose-results.ts
 * builds the nodes from these; the words come from site/lib/ui-strings.ts.
 */
import type { DiagnoseResult } from '../../lint/src/diagnose/engine.ts';
import { DIAGNOSE, type DiagnoseStrings } from './ui-strings.ts';

/** The sentence above the matches (or in place of them), in the language of `say`. */
export function diagnosisSummary(result: Pick<DiagnoseResult, 'matches' | 'lines' | 'errorLines' | 'truncated'>, say: DiagnoseStrings = DIAGNOSE.en): string {
  const n = result.matches.length;
  return n ? say.matched(n, result.lines, result.errorLines, result.truncated) : say.none(result.lines);
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
  /** Routes below the base that the edition has translated (`/gotchas/rp4/`), each with its translated title. */
  titles: Readonly<Record<string, string>>;
}

/**
 * A gotcha's link and title in the reader's language: the translation and its title when the edition has one,
 * else the English page and the title the engine gave.
 */
export function localeMatch(url: string, title: string, pages: LocalePages | undefined): { url: string; title: string } {
  if (!pages) return { url, title };
  const route = url.startsWith(`${pages.base}/`) ? url.slice(pages.base.length) : url;
  return Object.hasOwn(pages.titles, route) ? { url: `${pages.prefix}${route}`, title: pages.titles[route] } : { url, title };
}
