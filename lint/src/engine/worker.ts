/**
 * Worker thread body: analyse batches of files posted by engine/pool.ts. Each batch is answered with one
 * message; an exception inside a rule is sent back as an error so the run fails loudly, as it would on the
 * main thread.
 */
import { parentPort } from 'node:worker_threads';
import { analyse, type Analysis, type RunConfig } from './analyse.ts';

export interface BatchRequest {
  batch: number;
  config: RunConfig;
  files: { path: string; bytes: Uint8Array; readError?: string }[];
}

export type BatchReply = { ready: true } | { batch: number; results: Analysis[] } | { batch: number; error: string };

parentPort?.on('message', (request: BatchRequest) => {
  try {
    const results = request.files.map((f) => analyse(f.path, f.bytes, request.config, f.readError));
    parentPort?.postMessage({ batch: request.batch, results } satisfies BatchReply);
  } catch (error) {
    parentPort?.postMessage({ batch: request.batch, error: (error as Error).stack ?? String(error) } satisfies BatchReply);
  }
});

// Static imports have loaded by the time this runs: tell the pool this thread can take work now.
parentPort?.postMessage({ ready: true } satisfies BatchReply);
