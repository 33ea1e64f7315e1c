/**
 * The browser half of "Paste your log" and the search box's paste: the shared engine runs in a worker on
 * the pasted text, against the index it fetched once. Everything stays in the page: the log is never sent
 * anywhere, and results are written with textContent (a log is untrusted text, never markup).
 */
import type { DiagnoseResult } from '../../lint/src/diagnose/engine.ts';
import { reportControl, type ReportSource } from './report-error-panel.ts';
import { errorWeight, stripPrefixes } from '../../lint/src/diagnose/lines.ts';
import { DIAGNOSE, uiLocale, type DiagnoseStrings } from '../lib/ui-strings.ts';

let worker: Worker | undefined;
let next = 0;
const pending = new Map<number, { resolve(r: DiagnoseResult | null): void; reject(e: Error): void }>();

/** One engine worker per page: the paste is read off the main thread, so a huge log never freezes the page. */
function ask(base: string, text?: string, limit?: number): Promise<DiagnoseResult | null> {
  if (!worker) {
    worker = new Worker(new URL('./diagnose-worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (e: MessageEvent<{ id: number; result?: DiagnoseResult | null; error?: string }>) => {
      const waiting = pending.get(e.data.id);
      pending.delete(e.data.id);
      if (e.data.error !== undefined) waiting?.reject(new Error(e.data.error));
      else waiting?.resolve(e.data.result ?? null);
    };
  }
  const id = ++next;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    worker!.postMessage({ id, base, text, limit });
  });
}

/** Fetch the index now (in the worker), so a paste later works with the network gone. */
export async function loadIndex(base: string): Promise<void> {
  await ask(base);
}

/** Whether search input looks like a pasted log rather than a query: several lines, or long. */
export const looksLikePaste = (text: string) => text.includes('\n') || text.length > 160;

/**
 * Whether a paste into the search box deserves a diagnosis: a log, or one error line however short
 * (`torch.OutOfMemoryError: CUDA out of memory`, `Killed`), as people copy the last line of a dead run.
 */
export const looksLikeErrorPaste = (text: string) => looksLikePaste(text) || (text.trim() !== '' && errorWeight(stripPrefixes(text.trim())) > 0);

export async function diagnoseInPage(base: string, text: string, limit = 8): Promise<DiagnoseResult> {
  return (await ask(base, text, limit))!;
}

/** A title's `code spans` as <code> elements, the rest as text: built as nodes, never parsed as HTML. */
export function titleNodes(title: string): (string | HTMLElement)[] {
  return title.split(/(`[^`]+`)/).filter(Boolean).map((part) => {
    if (!/^`[^`]+`$/.test(part)) return part;
    const code = document.createElement('code');
    code.textContent = part.slice(1, -1);
    return code;
  });
}

/** The words of the page the reader is on, by its `<html lang>` (site/lib/ui-strings.ts). */
export const pageStrings = (): DiagnoseStrings => DIAGNOSE[uiLocale(typeof document === 'undefined' ? undefined : document.documentElement.lang)];

/**
 * A gotcha's link and title in the reader's language: on a page of a language edition (Search.astro lists that
 * edition's translated gotchas, `{ route: title }`), the translation and its title when there is one, else the
 * English page and title the engine gave.
 */
export function localeMatch(url: string, title: string, pages: HTMLElement | null = document.getElementById('kb-locale-pages')): { url: string; title: string } {
  if (!pages) return { url, title };
  const base = pages.dataset.base ?? '';
  const route = url.startsWith(`${base}/`) ? url.slice(base.length) : url;
  let translated: Record<string, string> = {};
  try {
    translated = JSON.parse(pages.dataset.pages ?? '{}') as Record<string, string>;
  } catch {
    // A damaged list leaves every link English, which always exists.
  }
  return Object.hasOwn(translated, route) ? { url: `${pages.dataset.prefix}${route}`, title: translated[route] } : { url, title };
}

/**
 * Render results as a list of links with the matched line and the reason; no HTML from the log. With
 * `report`, a "Report this error" control follows: the answer when nothing matched, an offer when the
 * reader finds none of the matches right. Words in the page's language.
 */
export function renderResults(target: HTMLElement, result: DiagnoseResult, report?: ReportSource, say: DiagnoseStrings = pageStrings()) {
  target.replaceChildren();
  const summary = document.createElement('p');
  summary.className = 'diagnose-summary';
  summary.textContent = result.matches.length ? say.matched(result.matches.length, result.lines, result.errorLines, result.truncated) : say.none(result.lines);
  target.append(summary);
  if (!result.matches.length) {
    if (report) target.append(reportControl(report, false, say));
    return;
  }
  const list = document.createElement('ol');
  list.className = 'diagnose-results';
  for (const m of result.matches) {
    const item = document.createElement('li');
    item.dataset.id = m.id;
    item.dataset.via = m.via;
    const link = document.createElement('a');
    const shown = localeMatch(m.url, m.title);
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
