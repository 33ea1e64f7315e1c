/**
 * Parse and run file rules on several threads. Files go out in batches a worker pulls as it finishes the
 * last one, so one slow file (a huge profile) does not leave the other core idle; answers come back as plain
 * data (engine/analyse.ts `Analysis`), never as trees.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Analysis, RunConfig } from './analyse.ts';
import type { BatchReply, BatchRequest } from './worker.ts';

export interface Job {
  path: string;
  bytes: Uint8Array;
  readError?: string;
}

/** Below this much work, starting threads (each loads the parser and the schemas) costs more than it saves. */
export const MIN_PARALLEL_BYTES = 256 * 1024;
const BATCH_BYTES = 64 * 1024;
const BATCH_FILES = 64;

/** How many workers to start for `jobs` when the caller did not say. */
export function autoWorkers(jobs: readonly Job[]): number {
  const bytes = jobs.reduce((n, j) => n + j.bytes.length, 0);
  if (bytes < MIN_PARALLEL_BYTES) return 0;
  return Math.max(0, Math.min(availableParallelism(), 8, Math.ceil(jobs.length / BATCH_FILES)));
}

function batches(jobs: readonly Job[]): Job[][] {
  const out: Job[][] = [];
  let current: Job[] = [];
  let size = 0;
  for (const job of jobs) {
    current.push(job);
    size += job.bytes.length;
    if (size >= BATCH_BYTES || current.length >= BATCH_FILES) {
      out.push(current);
      current = [];
      size = 0;
    }
  }
  if (current.length) out.push(current);
  return out;
}

/** Analyse `jobs` on `count` worker threads; results come back in the order of `jobs`. */
export async function analyseInWorkers(jobs: readonly Job[], config: RunConfig, count: number, onResult: (index: number, result: Analysis) => void): Promise<void> {
  const queue = batches(jobs);
  const starts: number[] = [];
  let offset = 0;
  for (const b of queue) {
    starts.push(offset);
    offset += b.length;
  }
  const workers = Array.from({ length: Math.min(count, queue.length) }, () => new Worker(new URL('./worker.ts', import.meta.url)));
  let next = 0;
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const send = () => {
              if (next >= queue.length) return resolve();
              const batch = next++;
              worker.postMessage({ batch, config, files: queue[batch] } satisfies BatchRequest);
            };
            worker.on('message', (reply: BatchReply) => {
              if ('error' in reply) return reject(new Error(`kb-lint worker failed: ${reply.error}`));
              reply.results.forEach((result, i) => onResult(starts[reply.batch] + i, result));
              send();
            });
            worker.on('error', reject);
            worker.on('exit', (code) => (next < queue.length || code !== 0 ? reject(new Error(`kb-lint worker exited with code ${code}`)) : undefined));
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
