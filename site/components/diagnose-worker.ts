/**
 * A worker entry, kept beside diagnose-worker-client.ts, which starts it by URL (Vite bundles it from there):
 * the diagnosis engine off the page's main thread. A 100,000-line paste takes about a second to read, and
 * the page must stay responsive meanwhile. Fetches the index once (at the page's first request, so a later
 * paste works offline) and answers `{ id, text, limit }` with `{ id, result }` or `{ id, error }`.
 */
import { diagnose } from '../../lint/src/diagnose/engine.ts';
import type { DiagnosisIndex } from '../../lint/src/diagnose/index-data.ts';

let index: Promise<DiagnosisIndex> | undefined;

self.onmessage = async (event: MessageEvent<{ id: number; base: string; text?: string; limit?: number }>) => {
  const { id, base, text, limit } = event.data;
  try {
    index ??= fetch(`${base}/diagnosis-index.json`).then((r) => {
      if (!r.ok) throw new Error(`diagnosis index: HTTP ${r.status}`);
      return r.json() as Promise<DiagnosisIndex>;
    });
    const loaded = await index;
    self.postMessage({ id, result: text === undefined ? null : diagnose(text, loaded, { limit }) });
  } catch (error) {
    index = undefined; // let a later request try the fetch again
    self.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
};
