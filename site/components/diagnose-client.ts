/**
 * The browser half of "Paste your log": fetch the diagnosis index once, then run the shared engine on the
 * pasted text. Everything stays in the page: the log is never sent anywhere, and results are written with
 * textContent (a log is untrusted text, never markup).
 */
import { diagnose, type DiagnoseResult } from '../../lint/src/diagnose/engine.ts';
import type { DiagnosisIndex } from '../../lint/src/diagnose/index-data.ts';

let loading: Promise<DiagnosisIndex> | undefined;

/** The index, fetched once per page load (after that the page works offline). */
export function loadIndex(base: string): Promise<DiagnosisIndex> {
  loading ??= fetch(`${base}/diagnosis-index.json`).then((r) => {
    if (!r.ok) throw new Error(`diagnosis index: HTTP ${r.status}`);
    return r.json() as Promise<DiagnosisIndex>;
  });
  return loading;
}

/** Whether search input looks like a pasted log rather than a query: several lines, or long. */
export const looksLikePaste = (text: string) => text.includes('\n') || text.length > 160;

export async function diagnoseInPage(base: string, text: string, limit = 8): Promise<DiagnoseResult> {
  return diagnose(text, await loadIndex(base), { limit });
}

/** Render results as a list of links with the matched line and the reason; no HTML from the log. */
export function renderResults(target: HTMLElement, result: DiagnoseResult) {
  target.replaceChildren();
  const summary = document.createElement('p');
  summary.className = 'diagnose-summary';
  summary.textContent = result.matches.length
    ? `${result.matches.length} likely ${result.matches.length === 1 ? 'cause' : 'causes'} from ${result.lines} lines (${result.errorLines} distinct error lines)${result.truncated ? '; part of the log was cut' : ''}.`
    : `No gotcha matched (${result.lines} lines read). Try pasting the last 50 lines, with the traceback's final line.`;
  target.append(summary);
  if (!result.matches.length) return;
  const list = document.createElement('ol');
  list.className = 'diagnose-results';
  for (const m of result.matches) {
    const item = document.createElement('li');
    item.dataset.id = m.id;
    item.dataset.via = m.via;
    const link = document.createElement('a');
    link.href = m.url;
    link.textContent = `${m.id} — ${m.title}`;
    const badge = document.createElement('span');
    badge.className = `diagnose-via diagnose-via-${m.via}`;
    badge.textContent = m.via === 'signature' ? 'message match' : 'word match';
    const line = document.createElement('code');
    line.textContent = `line ${m.line.number}: ${m.line.text}`;
    const why = document.createElement('small');
    why.textContent = m.why;
    item.append(link, ' ', badge, document.createElement('br'), line, document.createElement('br'), why);
    list.append(item);
  }
  target.append(list);
}
