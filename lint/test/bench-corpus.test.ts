/**
 * The benches lint generated corpora (bench/generate.ts) next to real ones. A generated corpus must lint
 * clean under today's rules: when a new rule flagged every generated file, the 5,000-gotcha row measured
 * the reporting of 5,000 findings (a YAML position parse each) instead of linting.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { generateCorpus, writeCorpus } from '../../bench/generate.ts';
import { lint } from '../src/engine/run.ts';
import { corpusFiles } from '../src/files.ts';

const root = mkdtempSync(join(tmpdir(), 'kb-bench-corpus-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

it('a generated corpus has no findings at all', { timeout: 120_000 }, async () => {
  const corpus = generateCorpus({ gotchas: 80, profiles: 3, catalogs: 4, paragraphs: 1, seed: 3 });
  writeCorpus(root, corpus);
  const { findings } = await lint({ root, corpus: await corpusFiles(root), today: new Date().toISOString().slice(0, 7), maxAge: 6 });
  expect(findings.map((f) => `${f.file}:${f.line} ${f.ruleId} ${f.message}`)).toEqual([]);
});
