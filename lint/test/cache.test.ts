/**
 * The per-file cache gives back exactly what was saved for the same bytes, nothing for other bytes, and
 * treats a damaged file or entry as a miss: it can cost a run its speed, never its answer.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { analyse, type RunConfig } from '../src/engine/analyse.ts';
import { analysisFrom, cacheEntry, LintCache } from '../src/engine/cache.ts';
import { cacheFile } from '../src/engine/keys.ts';
import { tempDirs } from './corpus.ts';

const temp = tempDirs('kb-cache-');

const config: RunConfig = { maxAge: 6, today: '2026-11', severities: [] };
const text = '---\nid: AL1\ntitle: "The disk fills up overnight"\n---\n\n## Symptom\n\nTODO\n';
const analysis = () => analyse('content/gotchas/alpha/al1-disk.md', new TextEncoder().encode(text), config);
const indexed = { fingerprint: 'f1', findings: [] };

describe('LintCache', () => {
  it('gives back a saved analysis for the same bytes, however it was made, and nothing for other bytes', async () => {
    const dir = temp();
    const fresh = analysis();
    // Three ways an analysis reaches a save: made here with no serialized form (the save serializes it),
    // through its serialized form as the main thread does when caching, and sent by a worker.
    const entries = new Map([
      ['a.md', cacheEntry(fresh, 'h1', indexed)],
      ['b.md', cacheEntry(analysisFrom(serialize(analyse('content/gotchas/alpha/al1-disk.md', new TextEncoder().encode(text), config, undefined, true))), 'h2', undefined)],
      ['c.md', cacheEntry(analysisFrom(serialize(analysis())), 'h3', indexed)],
    ]);
    await (await LintCache.open(dir, config)).save(entries);
    const cache = await LintCache.open(dir, config);
    expect(cache.size).toBe(3);
    expect(cache.get('a.md', 'h1')).toEqual({ ...fresh, hash: 'h1', indexed });
    expect(cache.get('b.md', 'h2')).toEqual({ ...fresh, hash: 'h2' });
    expect(cache.get('c.md', 'h3')).toEqual({ ...fresh, hash: 'h3', indexed });
    expect(cache.get('a.md', 'other')).toBeUndefined();
    expect(cache.get('missing.md', 'h1')).toBeUndefined();
    // Saved again from what it read, the cache keeps the same entries.
    await cache.save(new Map([['a.md', cache.get('a.md', 'h1')!]]));
    expect((await LintCache.open(dir, config)).get('a.md', 'h1')).toEqual({ ...fresh, hash: 'h1', indexed });
  });

  it('treats a foreign or cut-short file as empty and a damaged entry as a miss', async () => {
    const dir = temp();
    const file = cacheFile(dir, config);
    writeFileSync(file, 'not a cache');
    expect((await LintCache.open(dir, config)).size).toBe(0);

    const entry = (hash: string) => cacheEntry(analysis(), hash, undefined);
    await (await LintCache.open(dir, config)).save(new Map([['good.md', entry('h1')], ['torn.md', entry('h2')]]));
    const whole = readFileSync(file);
    expect((await LintCache.open(dir, config)).size).toBe(2);
    // Cut short (a full disk, a killed copy): nothing in it can be trusted to be where the header says.
    writeFileSync(file, whole.subarray(0, whole.length - 10));
    expect((await LintCache.open(dir, config)).size).toBe(0);
    // One entry's bytes damaged: that file is parsed again, the others still come from the cache.
    const { summary, findings, deferred } = analysis();
    const damaged = Buffer.from(whole);
    // The last entry's bytes end the file; break the version byte they start with.
    damaged[damaged.length - serialize({ summary, findings, deferred }).length] ^= 0xff;
    writeFileSync(file, damaged);
    const cache = await LintCache.open(dir, config);
    expect(cache.get('good.md', 'h1')?.summary.path).toBe('content/gotchas/alpha/al1-disk.md');
    expect(cache.get('torn.md', 'h2')).toBeUndefined();
    expect(readdirSync(dir)).toHaveLength(1);
  });
});
