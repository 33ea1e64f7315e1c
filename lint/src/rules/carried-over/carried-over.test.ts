import { describe, expect, it } from 'vitest';
import { lintCorpus, show } from '../../../test/corpus.ts';

const at = 'content/references/carried.md';

describe('carried-over', () => {
  it('is a warning class: turned off, it leaves no finding and no error', async () => {
    const text = (await import('node:fs')).readFileSync(new URL('./fixtures/not-ok-carried.md', import.meta.url), 'utf8');
    const on = show(await lintCorpus({ [at]: text }));
    expect(on.filter((f) => f.includes(' carried-over '))).toHaveLength(2);
    const off = show(await lintCorpus({ [at]: text }, { severities: { 'carried-over': 'off' } }));
    expect(off.filter((f) => f.includes(' carried-over ') || f.includes(' error '))).toEqual([]);
  });
});
