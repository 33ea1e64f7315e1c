/**
 * Browser glue shared by the "Paste your log" page and the search box's paste, kept beside diagnose-worker.ts
 * because Vite bundles that worker from this module's URL: the shared engine runs in a worker on the pasted
 * text, against the index it fetched once. Everything stays in the page: the log is never sent anywhere.
 */
import type { DiagnoseResult } from '../../lint/src/diagnose/engine.ts';

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

export async function diagnoseInPage(base: string, text: string, limit = 8): Promise<DiagnoseResult> {
  return (await ask(base, text, limit))!;
}
