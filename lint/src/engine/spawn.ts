/**
 * Starting worker threads early. A worker spends its first half second or so loading the parser, the
 * schemas and the rules; started as soon as the command line knows there is parsing to do, that loading
 * runs on the other core while this thread loads the same modules, instead of after it. Light on purpose:
 * the command line imports this before it has decided to load the engine.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

/** Below this much work, starting threads (each loads the parser and the schemas) costs more than it saves. */
export const MIN_PARALLEL_BYTES = 256 * 1024;
/** Files per batch handed to a thread; also the smallest share worth a thread of its own. */
export const BATCH_FILES = 64;

/** A started worker and whether it has finished loading (its first message says so). */
export interface StartedWorker {
  worker: Worker;
  ready: Promise<void>;
}

/** How many workers to start for `files` files of `bytes` bytes to parse: one per core besides this one. */
export function workersFor(files: number, bytes: number): number {
  if (bytes < MIN_PARALLEL_BYTES) return 0;
  return Math.max(0, Math.min(availableParallelism() - 1, 7, Math.ceil(files / BATCH_FILES) - 1));
}

/**
 * Start `count` workers. Young-generation garbage is most of a parser's footprint; a small nursery keeps each
 * thread's memory close to what it holds. The old-generation cap is far above one batch's trees and only stops
 * a runaway; a worker that hits it hands its batch back to this thread instead of failing the run.
 */
export function startWorkers(count: number): StartedWorker[] {
  return Array.from({ length: count }, () => {
    const worker = new Worker(new URL('./worker.ts', import.meta.url), { resourceLimits: { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 512 } });
    // Listen at once: a `ready` sent before the pool attaches its own listener would otherwise be lost.
    const ready = new Promise<void>((resolve, reject) => {
      const onMessage = (message: { ready?: true }) => {
        if (!message.ready) return;
        worker.off('message', onMessage);
        resolve();
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
    });
    ready.catch(() => undefined);
    return { worker, ready };
  });
}
