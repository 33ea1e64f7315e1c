/**
 * Parsing on several threads. On a cold cache, workers are started as soon as the command line has read the
 * corpus (`spawnWorkers`), and load the engine while it hashes and asks the cache what needs parsing; the
 * pool then gives them their first batches at once (a message waits in a worker's port until the worker has
 * loaded), so they start parsing the moment they are ready instead of when this thread gets round to sending
 * work. This thread joins in (`finish`) once it has loaded the engine itself: on two cores one worker plus
 * this thread is all the parallelism there is, without a third heap.
 *
 * Batches are cut as they are handed out, smaller as the queue empties (guided self-scheduling), so that no
 * thread is left at the end with a full batch while the others wait. Answers come back serialized
 * (engine/analyse.ts `Analysis` through `node:v8`), never as trees; they wait in a scratch file until the
 * threads are gone (engine/spill.ts), then are revived with their bytes kept for the cache. Light on purpose:
 * nothing here loads the parser, the schemas or the rules.
 */
import { availableParallelism } from 'node:os';
import { setImmediate as yieldToEvents } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import type { Analysis, RunConfig } from './analyse.ts';
import { revived } from './cache.ts';
import { Spill, type Spilled } from './spill.ts';
import type { BatchReply, BatchRequest } from './worker.ts';

export interface Job {
  path: string;
  bytes: Uint8Array;
  readError?: string;
}

/**
 * Below this much Markdown, starting a thread (it loads the parser, the schemas and the rules, ~250 ms, while
 * competing with this one for the machine) costs more than it saves. Measured on 2 vCPUs, one thread
 * against two, interleaved: 12 % faster on one at 1.4 MiB, even at 2.7 MiB, 13 % slower at 5.3 MiB.
 */
export const MIN_PARALLEL_BYTES = 3 * 1024 * 1024;
/** Most files in one batch; also the smallest share worth a thread of its own. */
export const BATCH_FILES = 64;
const BATCH_BYTES = 64 * 1024;
/** Smallest batch at the tail, where a message per file would cost more than the imbalance it saves. */
const MIN_BATCH_BYTES = 4 * 1024;
/** Batches a worker holds (one being analysed, one waiting), so it never idles waiting for this thread. */
const HELD = 2;
/** Longest this thread parses without looking at its messages. */
const YIELD_MS = 10;

/** How many workers to start for `files` files of `bytes` bytes to parse: one per core besides this one. */
function workersFor(files: number, bytes: number): number {
  if (bytes < MIN_PARALLEL_BYTES) return 0;
  return Math.max(0, Math.min(availableParallelism() - 1, 7, Math.ceil(files / BATCH_FILES) - 1));
}

/**
 * Threads for `jobs` files of `bytes` bytes: as many as asked (`--jobs`), or as `workersFor` says; never more
 * than half the files, and none for a single file. The command line and `lint` both decide by this.
 */
export function threadsFor(jobs: number, bytes: number, requested?: number): number {
  if (jobs < 2) return 0;
  return Math.min(requested ?? workersFor(jobs, bytes), Math.ceil(jobs / 2));
}

/** `[start, end)` indices into the pool's jobs. */
type Batch = readonly [number, number];

/** A worker thread started before its jobs are known, and whether it has stopped meanwhile. */
export interface Spawned {
  worker: Worker;
  exited: boolean;
  error?: Error & { code?: string };
}

/**
 * Start `count` worker threads; they load the engine while the caller works out what they will parse. Young-
 * generation garbage is most of a parser's footprint, and a small nursery keeps each thread's memory close to
 * what it holds. The old-generation cap is far above one batch's trees and only stops a runaway; a worker that
 * hits it hands its batches back to the main thread instead of failing the run.
 */
export function spawnWorkers(count: number): Spawned[] {
  return Array.from({ length: count }, () => {
    const worker = new Worker(new URL('./worker.ts', import.meta.url), { resourceLimits: { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 512 } });
    // Not holding the process open until a pool takes it: a run that fails first (a bad git ref) still exits.
    worker.unref();
    const spawned: Spawned = { worker, exited: false };
    // Until a pool takes the worker, remember how it ended, so the pool never waits on a thread that is gone.
    worker.on('error', (error: Error & { code?: string }) => (spawned.error ??= error));
    worker.on('exit', () => (spawned.exited = true));
    return spawned;
  });
}

/** Stop workers that turned out not to be needed (a re-run answered from the record, fewer jobs than threads). */
export async function stopWorkers(spawned: readonly Spawned[]): Promise<void> {
  await Promise.all(spawned.map((s) => s.worker.terminate()));
}

export class ParsePool {
  readonly workers: Worker[];
  private readonly jobs: readonly Job[];
  private readonly config: RunConfig;
  private readonly results: (Analysis | Uint8Array | Spilled | undefined)[];
  /** Where serialized answers wait for the end of the run (engine/spill.ts). */
  private readonly spill: Spill;
  private next = 0;
  /** Bytes not yet handed out. */
  private left: number;
  /** Batches each live worker holds. */
  private readonly held = new Map<Worker, Batch[]>();
  /** Batches a worker took but did not answer (it ran out of memory or exited): done on this thread. */
  private readonly retry: Batch[] = [];
  private failure: Error | undefined;
  private wake: (() => void) | undefined;

  /** `threads` are started here, or taken from `spawnWorkers`; the pool owns them from now on and stops them. */
  constructor(jobs: readonly Job[], config: RunConfig, threads: number | readonly Spawned[], spill = new Spill()) {
    this.jobs = jobs;
    this.config = config;
    this.spill = spill;
    this.results = new Array(jobs.length);
    this.left = jobs.reduce((n, job) => n + job.bytes.length, 0);
    const spawned = typeof threads === 'number' ? spawnWorkers(Math.max(0, Math.min(threads, jobs.length))) : threads;
    this.workers = spawned.map((s) => s.worker);
    for (const s of spawned) {
      if (s.error && s.error.code !== 'ERR_WORKER_OUT_OF_MEMORY') this.fail(s.error);
      if (!s.exited) this.adopt(s.worker);
    }
  }

  private adopt(worker: Worker) {
    worker.ref();
    this.held.set(worker, []);
    worker.on('message', (reply: BatchReply) => {
      const held = this.held.get(worker) ?? [];
      const at = held.findIndex(([start]) => start === reply.start);
      if (at >= 0) held.splice(at, 1);
      if ('error' in reply) this.fail(new Error(`kb-lint worker failed: ${reply.error}`));
      else reply.analyses.forEach((bytes, i) => this.keep(reply.start + i, bytes));
      this.topUp(worker);
      this.poke();
    });
    worker.on('error', (error: Error & { code?: string }) => {
      if (error.code !== 'ERR_WORKER_OUT_OF_MEMORY') this.fail(error);
    });
    // Whatever a worker held when it stopped (out of memory, or terminated by someone else) is redone here.
    worker.on('exit', () => {
      this.retry.push(...(this.held.get(worker) ?? []));
      this.held.delete(worker);
      this.poke();
    });
    this.topUp(worker);
  }

  /**
   * The next batch off the queue: a share of what is left (half of it divided among the threads), at most
   * BATCH_FILES files and BATCH_BYTES bytes, at least MIN_BATCH_BYTES unless one file is bigger.
   */
  private take(): Batch | undefined {
    if (this.next >= this.jobs.length) return undefined;
    const threads = this.held.size + 1;
    const share = Math.min(BATCH_BYTES, Math.max(MIN_BATCH_BYTES, Math.ceil(this.left / (2 * threads))));
    const start = this.next;
    let end = start;
    let bytes = 0;
    while (end < this.jobs.length && end - start < BATCH_FILES && (end === start || bytes < share)) bytes += this.jobs[end++].bytes.length;
    this.next = end;
    this.left -= bytes;
    return [start, end];
  }

  /** A job's answer; serialized ones go to the spill file when it takes them. */
  private keep(i: number, result: Analysis | Uint8Array) {
    this.results[i] = result instanceof Uint8Array ? (this.spill.put(result) ?? result) : result;
  }

  private topUp(worker: Worker) {
    const held = this.held.get(worker);
    while (held && !this.failure && held.length < HELD) {
      const batch = this.take();
      if (!batch) return;
      held.push(batch);
      worker.postMessage({ start: batch[0], config: this.config, files: this.jobs.slice(batch[0], batch[1]) } satisfies BatchRequest);
    }
  }

  private fail(error: Error) {
    this.failure ??= error;
    this.poke();
  }

  private poke() {
    this.wake?.();
    this.wake = undefined;
  }

  private outstanding(): number {
    let n = 0;
    for (const held of this.held.values()) n += held.length;
    return n;
  }

  /**
   * Take batches on this thread with `analyse` until the queue is empty, wait for the workers' answers, and
   * return every job's analysis in job order. The workers are terminated whatever happens.
   */
  async finish(analyse: (job: Job) => Analysis | Uint8Array): Promise<Analysis[]> {
    try {
      for (;;) {
        if (this.failure) throw this.failure;
        const batch = this.retry.shift() ?? this.take();
        if (batch) {
          // Worker answers (and their next batches) wait until this thread yields: yield every few
          // milliseconds, not only between batches, or a worker can run dry behind a batch of big files here.
          let since = performance.now();
          for (let i = batch[0]; i < batch[1]; i++) {
            this.keep(i, analyse(this.jobs[i]));
            if (performance.now() - since < YIELD_MS) continue;
            await yieldToEvents();
            since = performance.now();
          }
          continue;
        }
        if (this.outstanding() === 0) break;
        await new Promise<void>((resolve) => (this.wake = resolve));
      }
    } catch (error) {
      this.spill.close();
      throw error;
    } finally {
      await this.stopThreads();
    }
    // Revived only now: as objects, 5,000 summaries take ~20 MiB of heap, which would add to the peak while the
    // workers' heaps are still there. Meanwhile their bytes waited on disk, and are kept for the cache.
    const spilled = this.spill.readBack();
    const bytesOf = (r: Analysis | Uint8Array | Spilled) => (r instanceof Uint8Array || 'summary' in r ? r : spilled.subarray(r.at, r.at + r.length));
    return this.results.map((r) => revived(bytesOf(r as Analysis | Uint8Array | Spilled)));
  }

  private async stopThreads(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  /** Stop every worker and drop the spill; a pool that is not finished (the run failed before it joined) must still be closed. */
  async close(): Promise<void> {
    this.spill.close();
    await this.stopThreads();
  }
}
