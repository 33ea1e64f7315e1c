/**
 * The thread pool hands every job's analysis back exactly once, in job order, whatever happens to its
 * workers: a worker that stops mid-run (out of memory, or terminated) leaves its batches to the main thread,
 * and one that stopped before the pool took it is not waited for.
 */
import { describe, expect, it } from 'vitest';
import { generateCorpus } from '../../bench/generate.ts';
import { analyse, type RunConfig } from '../src/engine/analyse.ts';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serialize } from 'node:v8';
import { ParsePool, spawnWorkers, type Job } from '../src/engine/pool.ts';
import { Spill } from '../src/engine/spill.ts';

const config: RunConfig = { maxAge: 6, today: '2026-11', severities: [] };
const encoder = new TextEncoder();
// Enough files for many batches; the generator salts some with problems, so findings are compared too.
const jobs: Job[] = [...generateCorpus({ gotchas: 300, profiles: 4, catalogs: 3, paragraphs: 1, seed: 3 }).files].map(([path, text]) => ({ path, bytes: encoder.encode(text) }));
const here = (job: Job) => analyse(job.path, job.bytes, config, job.readError);
const expected = jobs.map(here);

describe('ParsePool', () => {
  it('gives each job its own analysis, in job order, with two workers', async () => {
    const pool = new ParsePool(jobs, config, 2);
    expect(pool.workers).toHaveLength(2);
    expect(await pool.finish(here)).toEqual(expected);
  });

  it('revives answers this thread gives serialized, as a run with a cache does, and leaves the jobs intact', async () => {
    const lengths = jobs.map((job) => job.bytes.byteLength);
    const pool = new ParsePool(jobs, config, 1);
    expect(await pool.finish((job) => serialize(analyse(job.path, job.bytes, config, job.readError, true)))).toEqual(expected);
    // Replies move their buffers between threads; the files' bytes must not have gone with them.
    expect(jobs.map((job) => job.bytes.byteLength)).toEqual(lengths);
  });

  it('leaves no spill file behind, and answers the same when it cannot spill at all', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kb-spill-'));
    try {
      const pool = new ParsePool(jobs, config, 1, new Spill(dir));
      expect(await pool.finish((job) => serialize(analyse(job.path, job.bytes, config, job.readError, true)))).toEqual(expected);
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const nowhere = new ParsePool(jobs, config, 1, new Spill(join(tmpdir(), 'kb-spill-missing-folder', 'x')));
    expect(await nowhere.finish(here)).toEqual(expected);
  });

  it('redoes on this thread the batches of a worker that stops mid-run', async () => {
    const pool = new ParsePool(jobs, config, 1);
    // Terminated while it holds its first batches, before it has answered any.
    await pool.workers[0].terminate();
    expect(await pool.finish(here)).toEqual(expected);
  });

  it('does not wait for a worker that stopped before the pool took it', async () => {
    const [gone, alive] = spawnWorkers(2);
    await gone.worker.terminate();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(gone.exited).toBe(true);
    const pool = new ParsePool(jobs, config, [gone, alive]);
    expect(await pool.finish(here)).toEqual(expected);
  });

  it('fails the run when a rule throws inside a worker', async () => {
    const broken = [...jobs.slice(0, 10), { path: 'content/gotchas/x/broken.md', bytes: encoder.encode('x'), readError: undefined }];
    // A config whose severities are not pairs makes the rule registry throw in the worker as it would here.
    const pool = new ParsePool(broken, { ...config, severities: 'not a list' as unknown as RunConfig['severities'] }, 1);
    await expect(pool.finish(here)).rejects.toThrow(/kb-lint worker failed/);
  });
});
