import { describe, expect, it } from 'vitest';
import { fixtureFindings } from '../../../test/fixture.ts';
import { lintCorpus, only, SCRIPT } from '../../../test/corpus.ts';

const at = 'content/gotchas/alpha/al3-links.md';

describe('cross-ref', () => {
  it('resolves ids, principles, scripts, anchors and pages against the corpus index', async () => {
    const findings = await fixtureFindings('cross-ref', 'not-ok-links.md', at);
    expect(findings.map((f) => f.replace(/^\S+ error cross-ref /, ''))).toEqual([
      'Unknown gotcha `AL99` in `related`',
      'Unexpected self-reference `AL3` in `related`',
      'Unknown principle `11` in `principles`',
      'Unknown script template `scripts/missing.sh` in `scripts`',
      'Unknown gotcha `ZZ1`',
      'Unknown heading `#nowhere` on profile `box`',
      'Unknown principle `12`, expected an anchor `#principle-12` on the principles page',
      'Unknown reference page `missing`',
      'Unknown script template `scripts/nope.sh`',
      'Unknown heading `#elsewhere` on this page',
      'Unexpected path link `../alpha/al1-disk-full.md`, expected a scheme link such as `gotcha:U6` or `ref:principles`',
    ]);
    expect(findings[0]).toMatch(new RegExp(`^${at}:11:16 `));
  });
  it('checks the gotcha ids a script template claims to implement', async () => {
    const script = SCRIPT().replace('# gotchas: [AL1]', '# gotchas: [AL1, AL42]');
    expect(only(await lintCorpus({ 'scripts/example.sh': script }), 'cross-ref')).toEqual(['scripts/example.sh:10:18 error cross-ref Unknown gotcha `AL42` in `gotchas`']);
  });
});
