/**
 * Starting site/lib/stamps.ts's collection early, in a worker thread. Kept apart from stamps.ts so that the
 * config, which starts it, loads none of the linter: the worker loads that itself.
 */
import { Worker } from 'node:worker_threads';

const EARLY = Symbol.for('remote-gpu-field-guide.stampReport');
type WithEarly = typeof globalThis & { [EARLY]?: Promise<unknown> };

/** Start collecting in a worker thread; stamps.ts's `takeStampReport` picks the result up later in the same process. */
export function startStampReport(root: string, today: string): void {
  const early = new Promise<unknown>((resolve) => {
    const worker = new Worker(new URL('./stamps-worker.ts', import.meta.url), { workerData: { root, today } });
    // A build that ends first (or fails) is not held open by it.
    worker.unref();
    worker.once('message', resolve);
    // Any failure leaves the page to collect in place.
    worker.once('error', () => resolve(undefined));
    worker.once('exit', () => resolve(undefined));
  });
  (globalThis as WithEarly)[EARLY] = early;
}

/** What the worker posted, or undefined when none was started or it failed. */
export const earlyStampReport = (): Promise<unknown> => (globalThis as WithEarly)[EARLY] ?? Promise.resolve(undefined);
