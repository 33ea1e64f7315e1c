/**
 * Hostile input, generated (lint/test/fuzz-cases.ts): malformed documents of every content kind, among them
 * the shapes that once crashed or hung the linter. The linter must not throw, must say something positioned
 * about every broken file, and must answer the same whatever the order of the files.
 *
 * A smoke run: two documents of every shape of every kind, then a few hundred drawn at random. The ten
 * thousand documents up to 1 MiB, timed per file under a watchdog with peak memory, are `npm run bench:fuzz`
 * over the same generators (tests do not time things, and a whole fuzz run took 804 s of a loaded CI box).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { baseCorpus } from './corpus.ts';
import { anyCase, badBytes, type Case, everyShape, lintFiles, materialise } from './fuzz-cases.ts';

const BATCH = 25;
const RUNS = Number(process.env.KB_PROPERTY_RUNS ?? 12);

/** Lint a batch twice, in its order and shuffled from `seed`: every file reported, positioned, the same. */
async function checkBatch(cases: Case[], seed: number) {
  const files = materialise(cases);
  const paths = [...files.keys()];
  const first = await lintFiles(files, paths);
  for (const [i, path] of paths.entries()) {
    const mine = first.filter((f) => f.file === path);
    expect(mine.length, `${path} (${cases[i].kind}, ${cases[i].breaking.name}) is broken and must be reported`).toBeGreaterThan(0);
  }
  for (const f of first) {
    expect(f.line, `${f.file} ${f.ruleId} ${f.message}`).toBeGreaterThanOrEqual(1);
    expect(f.column, `${f.file} ${f.ruleId} ${f.message}`).toBeGreaterThanOrEqual(1);
  }
  const shuffled = [...paths, ...Object.keys(baseCorpus())].map((p, i) => ({ p, k: Math.imul(seed ^ (i * 2654435761), 2246822519) >>> 0 })).sort((a, b) => a.k - b.k).map((x) => x.p);
  expect(await lintFiles(files, shuffled)).toEqual(first);
}

describe('kb-lint on generated hostile documents', () => {
  // Measured at about 20 s on a 2-core machine at load 6; the limit leaves room for a box twice as loaded.
  it('every shape of every kind: no throw, a positioned finding for each, same answer in any order', { timeout: 240_000 }, async () => {
    const cases = everyShape(2, 20261208);
    expect(new Set(cases.map((c) => `${c.kind} ${c.breaking.name}`)).size).toBeGreaterThan(150);
    for (let i = 0; i < cases.length; i += BATCH) await checkBatch(cases.slice(i, i + BATCH), i);
  });

  it(`${BATCH * RUNS} documents drawn at random from the same shapes`, { timeout: 240_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(anyCase, { minLength: BATCH, maxLength: BATCH }), fc.integer(), checkBatch),
      { numRuns: RUNS, seed: 20261129, endOnFailure: true },
    );
  });

  it('the same file always gets the same findings, and invalid bytes are placed where they are', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 300 }).map((s) => s.replaceAll('\u0000', '')), badBytes, fc.nat(300), async (prefix, seq, at) => {
        const text = new TextEncoder().encode(`---\nid: AL3\n---\n${prefix}`);
        const cut = Math.min(at, text.length);
        // Cut on a character boundary so the only invalid bytes are the inserted ones.
        let boundary = cut;
        while (boundary > 0 && (text[boundary] & 0xc0) === 0x80) boundary--;
        const bytes = new Uint8Array([...text.subarray(0, boundary), ...seq, ...text.subarray(boundary)]);
        const files = new Map([['content/gotchas/alpha/al3-bytes.md', bytes]]);
        const a = await lintFiles(files, [...files.keys()]);
        expect(await lintFiles(files, [...files.keys()])).toEqual(a);
        const read = a.filter((f) => f.file === 'content/gotchas/alpha/al3-bytes.md' && f.ruleId === 'readable-file');
        expect(read).toHaveLength(1);
        const head = new TextDecoder().decode(text.subarray(0, boundary));
        const lines = head.split('\n');
        expect([read[0].line, read[0].column]).toEqual([lines.length, lines.at(-1)!.length + 1]);
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});
