/**
 * Parse and run file rules on several threads. Files go out in batches that each thread pulls as it finishes
 * the last one, so one slow file (a huge profile) does not leave a core idle. The main thread takes batches
 * too: a worker spends its first few hundred milliseconds loading the parser and the schemas, and the main
 * thread, which has them loaded already, parses meanwhile and keeps parsing after. Answers come back as
 * plain data (engine/analyse.ts `Analysis`), never as trees.
 */
import { setImmediate as yieldToEvents } from 'node:timers/promises';
import type { Worker } from 'node:worker_threads';
import { analyse, type Analysis, type RunConfig } from './analyse.ts';
import { BATCH_FILES, startWorkers, workersFor, type StartedWorker } from './spawn.ts';
import type { BatchReply, BatchRequest } from './worker.ts';

export interface Job {
  path: string;
  bytes: Uint8Array;
  readError?: string;
}

const BATCH_BYTES = 64 * 1024;

/** How many workers to start for `jobs` when the caller did not say: one per core besides this one. */
export function autoWorkers(jobs: readonly Job[]): number {
  return workersFor(jobs.length, jobs.reduce((n, j) => n + j.bytes.length, 0));
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

/**
 * Analyse `jobs` on worker threads and this one; `onResult` gets each job's index in `jobs`. `threads` is a
 * count to start now, or workers the caller started earlier (engine/spawn.ts), which this terminates too.
 */
export async function analyseInWorkers(jobs: readonly Job[], config: RunConfig, threads: number | StartedWorker[], onResult: (index: number, result: Analysis) => void): Promise<void> {
  const queue = batches(jobs);
  const starts: number[] = [];
  let offset = 0;
  for (const b of queue) {
    starts.push(offset);
    offset += b.length;
  }
  const started = typeof threads === 'number' ? startWorkers(Math.min(threads, queue.length)) : threads;
  const workers = started.map((s) => s.worker);
  let next = 0;
  let localDone = false;
  // Batches each worker holds (being analysed, or queued behind that one).
  const busy = new Map<Worker, number[]>();
  const retry: number[] = [];
  const runHere = (batch: number) => queue[batch].forEach((job, i) => onResult(starts[batch] + i, analyse(job.path, job.bytes, config, job.readError)));
  const outstanding = () => [...busy.values()].reduce((n, held) => n + held.length, 0);
  try {
    await new Promise<void>((resolve, reject) => {
      let failed = false;
      const fail = (error: Error) => {
        failed = true;
        reject(error);
      };
      const finishIfDone = () => {
        if (localDone && outstanding() === 0 && next >= queue.length && retry.length === 0) resolve();
      };
      // A worker holds two batches: when it answers one it has the next already, instead of waiting for this
      // thread, which only reads messages between its own batches, to send one.
      const topUp = (worker: Worker) => {
        const held = busy.get(worker) ?? [];
        busy.set(worker, held);
        while (!failed && held.length < 2 && next < queue.length) {
          const batch = next++;
          held.push(batch);
          worker.postMessage({ batch, config, files: queue[batch] } satisfies BatchRequest);
        }
        finishIfDone();
      };
      for (const { worker, ready } of started) {
        ready.then(() => topUp(worker), () => undefined);
        worker.on('message', (reply: BatchReply) => {
          if ('ready' in reply) return;
          if ('error' in reply) return fail(new Error(`kb-lint worker failed: ${reply.error}`));
          reply.results.forEach((result, i) => onResult(starts[reply.batch] + i, result));
          const held = busy.get(worker) ?? [];
          held.splice(held.indexOf(reply.batch), 1);
          topUp(worker);
        });
        worker.on('error', (error: Error & { code?: string }) => {
          const held = busy.get(worker) ?? [];
          busy.delete(worker);
          if (error.code !== 'ERR_WORKER_OUT_OF_MEMORY') return fail(error);
          retry.push(...held);
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
