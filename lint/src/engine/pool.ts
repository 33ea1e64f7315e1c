/**
 * Parse and run file rules on several threads. Files go out in batches that each thread pulls as it finishes
 * the last one, so one slow file (a huge profile) does not leave a core idle. The main thread takes batches
 * too: a worker spends its first few hundred milliseconds loading the parser and the schemas, and the main
 * thread, which has them loaded already, parses meanwhile instead of waiting. Answers come back as plain data
 * (engine/analyse.ts `Analysis`), never as trees.
 */
import { availableParallelism } from 'node:os';
import { setImmediate as yieldToEvents } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import { analyse, type Analysis, type RunConfig } from './analyse.ts';
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

/** How many workers to start for `jobs` when the caller did not say: one per core besides this one. */
export function autoWorkers(jobs: readonly Job[]): number {
  const bytes = jobs.reduce((n, j) => n + j.bytes.length, 0);
  if (bytes < MIN_PARALLEL_BYTES) return 0;
  return Math.max(0, Math.min(availableParallelism() - 1, 7, Math.ceil(jobs.length / BATCH_FILES) - 1));
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

/** Analyse `jobs` on `count` worker threads and this one; `onResult` gets each job's index in `jobs`. */
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
  let outstanding = 0;
  let localDone = false;
  try {
    await new Promise<void>((resolve, reject) => {
      let failed = false;
      const fail = (error: Error) => {
        failed = true;
        reject(error);
      };
      const finishIfDone = () => {
        if (localDone && outstanding === 0 && next >= queue.length) resolve();
      };
      const send = (worker: Worker) => {
        if (failed || next >= queue.length) return finishIfDone();
        const batch = next++;
        outstanding++;
        worker.postMessage({ batch, config, files: queue[batch] } satisfies BatchRequest);
      };
      for (const worker of workers) {
        worker.on('message', (reply: BatchReply) => {
          if ('ready' in reply) return send(worker);
          outstanding--;
          if ('error' in reply) return fail(new Error(`kb-lint worker failed: ${reply.error}`));
          reply.results.forEach((result, i) => onResult(starts[reply.batch] + i, result));
          send(worker);
        });
        worker.on('error', fail);
        worker.on('exit', (code) => {
          if (!localDone || outstanding > 0) fail(new Error(`kb-lint worker exited early with code ${code}`));
        });
      }
      // A worker announces itself once its modules are loaded; until then, and after, this thread parses too.
      (async () => {
        while (next < queue.length && !failed) {
          const batch = next++;
          queue[batch].forEach((job, i) => onResult(starts[batch] + i, analyse(job.path, job.bytes, config, job.readError)));
          // Let worker messages in between batches, so a worker gets its next batch while this thread parses.
          await yieldToEvents();
        }
        localDone = true;
        finishIfDone();
      })().catch(fail);
    });
  } finally {
    localDone = true;
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
