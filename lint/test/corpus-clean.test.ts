/** The gate every content change passes: the real corpus has no lint errors. */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { corpusFiles } from '../src/files.ts';
import { lint } from '../src/engine/run.ts';
import { currentMonth } from '../src/schema/verified.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('the real corpus', () => {
  it('lints without errors', async () => {
    const corpus = await corpusFiles(ROOT);
    expect(corpus.length).toBeGreaterThan(50);
    const { findings } = await lint({ root: ROOT, corpus, today: currentMonth(), maxAge: 6 });
    const errors = findings.filter((f) => f.severity === 'error').map((f) => `${f.file}:${f.line}:${f.column} ${f.ruleId} ${f.message}`);
    expect(errors).toEqual([]);
  });
});
