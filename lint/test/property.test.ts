/**
 * Hostile input, generated (lint/test/fuzz-cases.ts): over ten thousand malformed documents of every
 * content kind, among them the shapes that once crashed or hung the linter. The linter must not throw, must say something positioned about every broken file, and must
 * answer the same whatever the run and whatever the order of the files.
 *
 * Documents are linted in batches in memory, so the 10,000 cost seconds, not minutes. Time per file and
 * peak memory are measured by `node bench/fuzz.ts` over the same generators: tests do not time things.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { baseCorpus } from './corpus.ts';
import { anyCase, badBytes, lintFiles, materialise } from './fuzz-cases.ts';

const BATCH = 25;
const RUNS = Number(process.env.KB_PROPERTY_RUNS ?? 400);

describe('kb-lint on generated hostile documents', () => {
  it(`${BATCH * RUNS} malformed documents: no throw, a positioned finding for each, same answer in any order`, { timeout: 900_000 }, async () => {
    let documents = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(anyCase, { minLength: BATCH, maxLength: BATCH }), fc.integer(), async (cases, seed) => {
        const files = materialise(cases);
        documents += files.size;
        const paths = [...files.keys()];
        const first = await lintFiles(files, paths);
        for (const path of paths) {
          const mine = first.filter((f) => f.file === path);
          expect(mine.length, `${path} is broken and must be reported`).toBeGreaterThan(0);
        }
        for (const f of first) {
          expect(f.line, `${f.file} ${f.ruleId} ${f.message}`).toBeGreaterThanOrEqual(1);
          expect(f.column, `${f.file} ${f.ruleId} ${f.message}`).toBeGreaterThanOrEqual(1);
        }
        // Shuffle the corpus order deterministically from the seed; the answer must not move.
        const shuffled = [...paths, ...Object.keys(baseCorpus())].map((p, i) => ({ p, k: Math.imul(seed ^ (i * 2654435761), 2246822519) >>> 0 })).sort((a, b) => a.k - b.k).map((x) => x.p);
        expect(await lintFiles(files, shuffled)).toEqual(first);
      }),
      { numRuns: RUNS, seed: 20261129, endOnFailure: true },
    );
    expect(documents).toBeGreaterThanOrEqual(10_000);
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
