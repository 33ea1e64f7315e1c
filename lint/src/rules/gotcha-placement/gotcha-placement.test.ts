import { describe, expect, it } from 'vitest';
import { GOTCHA, lintCorpus, only } from '../../../test/corpus.ts';

describe('gotcha-placement', () => {
  it('wants the catalog folder, the catalog prefix and a file name starting with the id', async () => {
    const findings = only(
      await lintCorpus({
        'content/gotchas/beta/al3-misplaced.md': GOTCHA('AL3'),
        'content/gotchas/alpha/zz4-wrong-prefix.md': GOTCHA('ZZ4'),
        'content/gotchas/alpha/disk-full.md': GOTCHA('AL5'),
      }),
      'gotcha-placement',
    );
    expect(findings).toEqual([
      'content/gotchas/alpha/disk-full.md:2:5 error gotcha-placement Unexpected file name `disk-full.md` for id `AL5`, expected `al5-<words>.md`',
      'content/gotchas/alpha/zz4-wrong-prefix.md:2:5 error gotcha-placement Unexpected id `ZZ4` in catalog `alpha`, expected a prefix of `AL` followed by a number',
      'content/gotchas/beta/al3-misplaced.md:4:10 error gotcha-placement Unexpected catalog `alpha` for a file in `content/gotchas/beta/`, expected `beta`',
    ]);
  });
});
