import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fixtureFindings } from '../../../test/fixture.ts';
import { lintCorpus, only } from '../../../test/corpus.ts';

const at = 'content/references/pinned.md';

describe('pinned-quote', () => {
  it('accepts quotes pinned to a commit, to a day read with a context hash, or marked unpinned with a reason', async () => {
    expect(await fixtureFindings('pinned-quote', 'ok-pinned.md', at)).toEqual([]);
  });
  it('leaves the documentation-reserved example hosts alone: their quotes are placeholders nobody read', async () => {
    const text = readFileSync(new URL('./fixtures/not-ok-unpinned.md', import.meta.url), 'utf8').replaceAll('https://docs.vendor-cloud.com/', 'https://example.com/');
    expect(only(await lintCorpus({ [at]: text }), 'pinned-quote')).toEqual([]);
  });
  it('warns at each quote that names no version, and not at sources without a quote', async () => {
    expect(await fixtureFindings('pinned-quote', 'not-ok-unpinned.md', at)).toEqual([
      `${at}:8:12 warning pinned-quote Unexpected \`quote\` without \`pin\` in \`sources.0\`, expected the version it was read in`,
      `${at}:19:12 warning pinned-quote Unexpected \`quote\` without \`pin\` in \`sources.3\`, expected the version it was read in`,
    ]);
  });
});
