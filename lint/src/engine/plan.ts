/**
 * Which files a run must parse: every file whose bytes the per-file cache does not know. Worked out once, by
 * the command line before it loads the engine (so threads can start on the jobs meanwhile, engine/pool.ts),
 * or by `lint` itself when called directly. Light on purpose: no engine imports.
 */
import type { Analysis } from './analyse.ts';
import type { CacheEntry, LintCache } from './cache.ts';
import type { Job } from './pool.ts';
import type { ReadResult } from './read.ts';

export interface WorkPlan {
  /** Per corpus file, its cache entry when the cache has one for these bytes; filled in by the run for the rest. */
  analyses: (CacheEntry | Analysis | undefined)[];
  /** The files to parse, in corpus order. */
  jobs: Job[];
  /** For each job, its index in the corpus. */
  jobIndex: number[];
  /** Bytes to parse in all. */
  bytes: number;
}

export function planWork(paths: readonly string[], contents: readonly ReadResult[], hashes: readonly (string | undefined)[], cache?: LintCache): WorkPlan {
  const plan: WorkPlan = { analyses: new Array(paths.length), jobs: [], jobIndex: [], bytes: 0 };
  paths.forEach((path, i) => {
    const hit = hashes[i] !== undefined ? cache?.get(path, hashes[i]) : undefined;
    if (hit) return void (plan.analyses[i] = hit);
    plan.jobs.push({ path, bytes: contents[i].bytes, readError: contents[i].error });
    plan.jobIndex.push(i);
    plan.bytes += contents[i].bytes.length;
  });
  return plan;
}
