/**
 * Worker thread body: analyse batches of files posted by engine/pool.ts. Each batch is answered with one
 * message; an exception inside a rule is sent back as an error so the run fails loudly, as it would on the
 * main thread. Batches posted while this thread was still loading its modules wait in its port meanwhile.
 */
import { parentPort } from 'node:worker_threads';
import { analyse, type Analysis, type RunConfig } from './analyse.ts';

export interface BatchRequest {
  /** Index of the batch's first file among the pool's jobs; answers carry it back. */
  start: number;
  config: RunConfig;
  files: { path: string; bytes: Uint8Array; readError?: string }[];
}

export type BatchReply = { start: number; results: Analysis[] } | { start: number; error: string };

parentPort?.on('message', (request: BatchRequest) => {
  try {
    // `posted`: the reply's copying gives the summaries strings of their own (engine/analyse.ts summarise).
    const results = request.files.map((f) => analyse(f.path, f.bytes, request.config, f.readError, true));
    parentPort?.postMessage({ start: request.start, results } satisfies BatchReply);
  } catch (error) {
    parentPort?.postMessage({ start: request.start, error: (error as Error).stack ?? String(error) } satisfies BatchReply);
  }
});
