/**
 * Browser glue shared by the "Paste your log" page and the search box's paste: a diagnosis as a list of links
 * with the matched line and the reason. Built with DOM calls and textContent only (a log is untrusted text,
 * never markup); the words and parts come from site/lib/diagnosis-view.ts.
 */
import type { DiagnoseResult } from '../../lint/src/diagnose/engine.ts';
import { diagnosisSummary, localeMatch, titleParts, type LocalePages } from '../lib/diagnosis-view.ts';
import { DIAGNOSE, uiLocale, type DiagnoseStrings } from '../lib/ui-strings.ts';
import { reportControl, type ReportSource } from './report-error-panel.ts';

/** The words of the page the reader is on, by its `<html lang>` (site/lib/ui-strings.ts). */
export const pageStrings = (): DiagnoseStrings => DIAGNOSE[uiLocale(document.documentElement.lang)];

/** A title's `code spans` as <code> elements, the rest as text. */
function titleNodes(title: string): (string | HTMLElement)[] {
  return titleParts(title).map((part) => {
    if (!part.code) return part.text;
    const code = document.createElement('code');
    code.textContent = part.text;
    return code;
  });
}

/**
 * On a page of a language edition, the translated gotchas Search.astro lists in `#kb-locale-pages` (`{ route:
 * title }` as JSON); elsewhere none, and links stay English.
 */
function localePages(): LocalePages | undefined {
  const pages = document.getElementById('kb-locale-pages');
  if (!pages) return undefined;
  let titles: Record<string, string> = {};
  try {
    titles = JSON.parse(pages.dataset.pages ?? '{}') as Record<string, string>;
  } catch {
    // A damaged list leaves every link English, which always exists.
  }
  return { base: pages.dataset.base ?? '', prefix: pages.dataset.prefix ?? '', titles };
}

/**
 * Render results into `target`, replacing what it held. With `report`, a "Report this error" control follows:
 * the answer when nothing matched, an offer when the reader finds none of the matches right. Words in the
 * page's language (`say`).
 */
export function renderResults(target: HTMLElement, result: DiagnoseResult, report?: ReportSource, say: DiagnoseStrings = pageStrings()) {
  target.replaceChildren();
  const summary = document.createElement('p');
  summary.className = 'diagnose-summary';
  summary.textContent = diagnosisSummary(result, say);
  target.append(summary);
  if (!result.matches.length) {
    if (report) target.append(reportControl(report, false, say));
    return;
  }
  const pages = localePages();
  const list = document.createElement('ol');
  list.className = 'diagnose-results';
  for (const m of result.matches) {
    const item = document.createElement('li');
    item.dataset.id = m.id;
    item.dataset.via = m.via;
    const link = document.createElement('a');
    const shown = localeMatch(m.url, m.title, pages);
    link.href = shown.url;
    link.append(`${m.id} — `, ...titleNodes(shown.title));
    const badge = document.createElement('span');
    badge.className = `diagnose-via diagnose-via-${m.via}`;
    badge.textContent = m.via === 'signature' ? say.viaSignature : say.viaWords;
    const line = document.createElement('code');
    line.textContent = `${say.line(m.line.number)}${m.line.text}`;
    const why = document.createElement('small');
    why.textContent = say.why(m.why);
    item.append(link, ' ', badge, document.createElement('br'), line, document.createElement('br'), why);
    list.append(item);
  }
  target.append(list);
  if (report) target.append(reportControl(report, true, say));
}
