/**
 * Parse and run file rules on several threads. Files go out in batches that each thread pulls as it finishes
 * the last one, so one slow file (a huge profile) does not leave a core idle. The main thread takes batches
 * too: a worker spends its first few hundred milliseconds loading the parser and the schemas, and the main
 * thread, which has them loaded already, parses meanwhile and keeps parsing after. Answers come back as
 * plain data (engine/analyse.ts `Analysis`), never as trees.
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
  // Young-generation garbage is most of a parser's footprint; a small nursery keeps each thread's memory close
  // to what it holds. The old-generation cap is far above one batch's trees and only stops a runaway; a worker
  // that hits it hands its batch back to this thread instead of failing the run.
  const workers = Array.from({ length: Math.min(count, queue.length) }, () => new Worker(new URL('./worker.ts', import.meta.url), { resourceLimits: { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 512 } }));
  let next = 0;
  let localDone = false;
  const busy = new Map<Worker, number>();
  const retry: number[] = [];
  const runHere = (batch: number) => queue[batch].forEach((job, i) => onResult(starts[batch] + i, analyse(job.path, job.bytes, config, job.readError)));
  try {
    await new Promise<void>((resolve, reject) => {
      let failed = false;
      const fail = (error: Error) => {
        failed = true;
        reject(error);
      };
      const finishIfDone = () => {
        if (localDone && busy.size === 0 && next >= queue.length && retry.length === 0) resolve();
      };
      const send = (worker: Worker) => {
        busy.delete(worker);
        if (failed || next >= queue.length) return finishIfDone();
        const batch = next++;
        busy.set(worker, batch);
        worker.postMessage({ batch, config, files: queue[batch] } satisfies BatchRequest);
      };
      for (const worker of workers) {
        worker.on('message', (reply: BatchReply) => {
          if ('ready' in reply) return send(worker);
          if ('error' in reply) return fail(new Error(`kb-lint worker failed: ${reply.error}`));
          reply.results.forEach((result, i) => onResult(starts[reply.batch] + i, result));
          send(worker);
        });
        worker.on('error', (error: Error & { code?: string }) => {
          const batch = busy.get(worker);
          busy.delete(worker);
          if (error.code !== 'ERR_WORKER_OUT_OF_MEMORY') return fail(error);
          if (batch !== undefined) retry.push(batch);
          if (localDone) drain();
        });
      }
      // Batches a worker could not finish, done here; the main thread has no such cap.
      const drain = () => {
        try {
          while (retry.length) runHere(retry.shift()!);
          if (workers.every((w) => w.threadId === -1)) while (next < queue.length) runHere(next++);
          finishIfDone();
        } catch (error) {
          fail(error as Error);
        }
      };
      // This thread parses too: it has the modules loaded while a worker is still loading them, and on two
      // cores one worker plus this thread is all the parallelism there is, without a third heap.
      (async () => {
        while (next < queue.length && !failed) {
          runHere(next++);
          await yieldToEvents();
        }
        localDone = true;
        drain();
      })().catch(fail);
    });
  } finally {
    localDone = true;
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
