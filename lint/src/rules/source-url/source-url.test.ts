import { describe, expect, it } from 'vitest';
import { GOTCHA, lintCorpus, only } from '../../../test/corpus.ts';

const at = 'content/gotchas/alpha/al3-queue-stops.md';

describe('source-url', () => {
  it('requires at least one source on a gotcha', async () => {
    const none = GOTCHA('AL3').replace(/sources:\n  - title: .*\n    url: .*\n(    (quote|checked): .*\n)*/, 'sources: []\n');
    expect(only(await lintCorpus({ [at]: none }), 'source-url')).toEqual([`${at}:8:10 error source-url Expected at least one source in \`sources\``]);
  });
});
