/**
 * `--jobs` decides how many threads parse, and the answer does not depend on it. Threads are counted by
 * wrapping the Worker class the engine constructs, so a run that starts one it was told not to is caught.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { generateCorpus, writeCorpus } from '../../bench/generate.ts';
import { main } from '../src/cli.ts';
import type { Finding } from '../src/engine/analyse.ts';
import { MIN_PARALLEL_BYTES } from '../src/engine/pool.ts';
import { tempDirs } from './corpus.ts';

const started = vi.hoisted(() => ({ count: 0 }));
vi.mock('node:worker_threads', async (original) => {
  const real = await original<typeof import('node:worker_threads')>();
  class CountedWorker extends real.Worker {
    constructor(...args: ConstructorParameters<typeof real.Worker>) {
      super(...args);
      started.count++;
    }
  }
  return { ...real, Worker: CountedWorker };
});

const temp = tempDirs('kb-threads-');
beforeEach(() => void (started.count = 0));

/** A corpus of `gotchas` generated gotchas, with one error planted in it. */
function corpus(gotchas = 300): string {
  const root = temp();
  writeCorpus(root, generateCorpus({ gotchas, profiles: 3, catalogs: 3, paragraphs: 3, seed: 7 }));
  const gotcha = readdirSync(join(root, 'content/gotchas'), { recursive: true }).map(String).find((p) => p.endsWith('.md'))!;
  const broken = join(root, 'content/gotchas', gotcha);
  writeFileSync(broken, readFileSync(broken, 'utf8').replace(/^verified: .*$/m, 'verified: 2026-13'));
  return root;
}

async function run(cwd: string, ...argv: string[]) {
  let stdout = '';
  const code = await main({ argv: [...argv, '--today', '2026-11', '--format', 'json'], cwd, stdout: (t) => (stdout += t), stderr: () => undefined, env: {} });
  return { code, findings: JSON.parse(stdout) as Finding[] };
}

describe('--jobs', () => {
  it('parses on this thread alone with --jobs 0, on one more with --jobs 1, and answers the same', async () => {
    const root = corpus();
    const single = await run(root, '--no-cache', '--jobs', '0');
    expect(started.count).toBe(0);
    const threaded = await run(root, '--no-cache', '--jobs', '1');
    expect(started.count).toBe(1);
    expect(single.findings.length).toBeGreaterThan(0);
    expect(threaded).toEqual(single);
  });

  it('starts one thread per other core by default on a cold cache of enough Markdown, and none when the cache answers', async () => {
    const root = corpus(1000);
    const bytes = readdirSync(root, { recursive: true }).map(String).filter((p) => p.endsWith('.md')).reduce((n, p) => n + statSync(join(root, p)).size, 0);
    expect(bytes).toBeGreaterThan(MIN_PARALLEL_BYTES);
    const cold = await run(root);
    expect(started.count).toBe(Math.min(availableParallelism() - 1, 7));
    started.count = 0;
    expect(await run(root)).toEqual(cold);
    expect(started.count).toBe(0);
  });

  it('parses a small corpus on this thread alone by default', async () => {
    const root = corpus(100);
    await run(root);
    expect(started.count).toBe(0);
  });
});
