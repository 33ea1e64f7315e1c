import { describe, expect, it } from 'vitest';
import { lintCorpus, only, SCRIPT } from '../../../test/corpus.ts';

describe('cross-ref', () => {
  it('checks the gotcha ids a script template claims to implement', async () => {
    const script = SCRIPT().replace('# gotchas: [AL1]', '# gotchas: [AL1, AL42]');
    expect(only(await lintCorpus({ 'scripts/example.sh': script }), 'cross-ref')).toEqual(['scripts/example.sh:10:18 error cross-ref Unknown gotcha `AL42` in `gotchas`']);
  });
});
