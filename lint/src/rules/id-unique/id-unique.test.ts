import { describe, expect, it } from 'vitest';
import { GOTCHA, lintCorpus, only } from '../../../test/corpus.ts';

describe('id-unique', () => {
  it('reports every file of a duplicated id, naming the others', async () => {
    const findings = only(await lintCorpus({ 'content/gotchas/alpha/al1-copy.md': GOTCHA('AL1') }), 'id-unique');
    expect(findings).toEqual([
      'content/gotchas/alpha/al1-copy.md:2:5 error id-unique Duplicate gotcha id `AL1`, also used by `content/gotchas/alpha/al1-disk-full.md`',
      'content/gotchas/alpha/al1-disk-full.md:2:5 error id-unique Duplicate gotcha id `AL1`, also used by `content/gotchas/alpha/al1-copy.md`',
    ]);
  });
  it('refuses a retired id', async () => {
    expect(only(await lintCorpus({ 'content/gotchas/alpha/al9-back.md': GOTCHA('AL9') }), 'id-unique')).toEqual([
      'content/gotchas/alpha/al9-back.md:2:5 error id-unique Unexpected reuse of retired id `AL9` (retired in catalog `alpha`), expected a fresh id',
    ]);
  });
});
