/**
 * The per-file cache gives back exactly what was saved for the same bytes and key, nothing for other bytes
 * or another key, and reads a damaged file as empty: a cache can cost a run its speed, never its answer.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse, type RunConfig } from '../src/engine/analyse.ts';
import { LintCache, type CacheEntry } from '../src/engine/cache.ts';
import { lint } from '../src/engine/run.ts';
import { tempDirs } from './corpus.ts';

const temp = tempDirs('kb-cache-');

const config: RunConfig = { maxAge: 6, today: '2026-11', severities: [] };
const text = '---\nid: AL1\ntitle: 2026-06-01\n---\n\n## Symptom\n\nTODO\n';
const entry = async (hash: string): Promise<CacheEntry> => ({ ...(await analyse('content/gotchas/alpha/al1-disk.md', new TextEncoder().encode(text), config)), hash, indexed: { fingerprint: 'f1', findings: [] } });

describe('LintCache', () => {
  it('gives back a saved entry for the same bytes and key, Dates included, and nothing otherwise', async () => {
    const dir = temp();
    const saved = await entry('h1');
    await (await LintCache.open(dir, 'k1')).save(new Map([['a.md', saved]]));
    const cache = await LintCache.open(dir, 'k1');
    expect(cache.get('a.md', 'h1')).toEqual(saved);
    expect(cache.get('a.md', 'h1')?.summary.frontmatter.data.title).toBeInstanceOf(Date);
    expect(cache.get('a.md', 'other')).toBeUndefined();
    expect(cache.get('missing.md', 'h1')).toBeUndefined();
    expect((await LintCache.open(dir, 'k2')).size).toBe(0);
  });

  it('reads a foreign, cut-short or tampered file as empty', async () => {
    const dir = temp();
    const file = join(dir, 'lint.cache');
    await (await LintCache.open(dir, 'k1')).save(new Map([['a.md', await entry('h1')]]));
    const whole = readFileSync(file);
    expect((await LintCache.open(dir, 'k1')).size).toBe(1);
    writeFileSync(file, 'not a cache');
    expect((await LintCache.open(dir, 'k1')).size).toBe(0);
    writeFileSync(file, whole.subarray(0, whole.length - 10));
    expect((await LintCache.open(dir, 'k1')).size).toBe(0);
    for (const at of [40, whole.length >> 1, whole.length - 1]) {
      const flipped = Buffer.from(whole);
      flipped[at] ^= 0x01;
      writeFileSync(file, flipped);
      expect((await LintCache.open(dir, 'k1')).size, `byte ${at} flipped`).toBe(0);
    }
  });

  it('a tampered cache never changes a run’s findings (digits flipped, findings emptied)', async () => {
    const root = temp();
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(root, 'content/gotchas/alpha'), { recursive: true });
    writeFileSync(join(root, 'content/gotchas/alpha/al1-disk.md'), text);
    const options = { root, corpus: ['content/gotchas/alpha/al1-disk.md'], maxAge: 6, today: '2026-11', cacheDir: join(root, '.cache') };
    const expected = (await lint(options)).findings;
    expect(expected.some((f) => f.severity === 'error')).toBe(true);
    const file = join(root, '.cache/lint.cache');
    const whole = readFileSync(file);
    // Every digit in the stored findings flipped to another digit.
    const flipped = Buffer.from(whole.toString('latin1').replace(/(?<=line.{0,4})[0-9]/g, (d) => String((Number(d) + 1) % 10)), 'latin1');
    writeFileSync(file, flipped);
    expect((await lint(options)).findings).toEqual(expected);
    writeFileSync(file, Buffer.concat([whole.subarray(0, 32), Buffer.alloc(whole.length - 32)]));
    expect((await lint(options)).findings).toEqual(expected);
  });
});
