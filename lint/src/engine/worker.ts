/**
 * Worker thread body: analyse batches of files posted by engine/pool.ts. Each batch is answered with one
 * message; an exception inside a rule is sent back as an error so the run fails loudly, as it would on the
 * main thread. Batches posted while this thread was still loading its modules wait in its port meanwhile.
 */
import { serialize } from 'node:v8';
import { parentPort } from 'node:worker_threads';
import { analyse, type Analysis, type RunConfig } from './analyse.ts';

export interface BatchRequest {
  /** Index of the batch's first file among the pool's jobs; answers carry it back. */
  start: number;
  config: RunConfig;
  files: { path: string; bytes: Uint8Array; readError?: string }[];
}

/** Each analysis serialized with `node:v8`: the main thread keeps these bytes for the cache (engine/cache.ts). */
export type BatchReply = { start: number; analyses: Uint8Array[] } | { start: number; error: string };

parentPort?.on('message', (request: BatchRequest) => {
  try {
    // `copied`: serializing gives the summaries strings of their own (engine/analyse.ts summarise).
    const analyses = request.files.map((f) => serialize(analyse(f.path, f.bytes, request.config, f.readError, true) satisfies Analysis));
    // Moved, not copied: each serialization owns its memory, which would otherwise wait here for a collection.
    const owned = analyses.filter((a) => a.byteOffset === 0 && a.byteLength === a.buffer.byteLength).map((a) => a.buffer);
    parentPort?.postMessage({ start: request.start, analyses } satisfies BatchReply, owned);
  } catch (error) {
    parentPort?.postMessage({ start: request.start, error: (error as Error).stack ?? String(error) } satisfies BatchReply);
  }
});
