import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { lintCorpus, only } from '../../../test/corpus.ts';

const at = 'content/references/pinned.md';

describe('pinned-quote', () => {
  it('leaves the documentation-reserved example hosts alone: their quotes are placeholders nobody read', async () => {
    const text = readFileSync(new URL('./fixtures/not-ok-unpinned.md', import.meta.url), 'utf8').replaceAll('https://docs.vendor-cloud.com/', 'https://example.com/');
    expect(only(await lintCorpus({ [at]: text }), 'pinned-quote')).toEqual([]);
  });
});
