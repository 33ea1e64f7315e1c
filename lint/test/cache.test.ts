/**
 * The per-file cache gives back exactly what was saved for the same bytes, nothing for other bytes, and
 * treats a damaged file or entry as a miss: it can cost a run its speed, never its answer.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { analyse, type RunConfig } from '../src/engine/analyse.ts';
import { analysisFrom, cacheEntry, LintCache } from '../src/engine/cache.ts';
import { FORMAT } from '../src/engine/keys.ts';
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

  it('treats a corrupt file as empty and a damaged entry as a miss', async () => {
    const dir = temp();
    const file = LintCache.fileFor(dir, config);
    writeFileSync(file, 'not a cache');
    expect((await LintCache.open(dir, config)).size).toBe(0);
    const good = serialize({ summary: analysis().summary, findings: [], deferred: [] });
    const entries = new Map<string, unknown>([
      ['good.md', { hash: 'h', analysis: good }],
      ['torn.md', { hash: 'h', analysis: good.subarray(0, 20) }],
      ['wrong.md', { hash: 'h', analysis: 'not bytes' }],
    ]);
    writeFileSync(file, serialize({ format: FORMAT, entries }));
    const cache = await LintCache.open(dir, config);
    expect(cache.get('good.md', 'h')?.summary.path).toBe('content/gotchas/alpha/al1-disk.md');
    expect(cache.get('torn.md', 'h')).toBeUndefined();
    expect(cache.get('wrong.md', 'h')).toBeUndefined();
    expect(readdirSync(dir)).toHaveLength(1);
  });
});
