import { describe, expect, it } from 'vitest';
import { GOTCHA, PROFILE, lintCorpus, only } from '../../../test/corpus.ts';

const gotcha = 'content/gotchas/alpha/al3-stamp.md';
const profile = 'content/profiles/box.md';

describe('quoted-source', () => {
  it('needs the quote in the stamp month, not just any quote', async () => {
    const other = GOTCHA('AL3').replace('checked: 2026-09', 'checked: 2026-08');
    expect(only(await lintCorpus({ [gotcha]: other }), 'quoted-source')).toEqual([
      `${gotcha}:13:11 error quoted-source Unexpected \`verified: 2026-09\` without a quoted source checked that month, expected a \`sources\` entry with \`quote:\` and \`checked: 2026-09\``,
    ]);
    expect(only(await lintCorpus({ [gotcha]: GOTCHA('AL3') }), 'quoted-source')).toEqual([]);
  });
  it('holds a danger clock’s own month to the same rule', async () => {
    const clock = PROFILE().replace('chinaMirror: false\n', 'chinaMirror: false\ndangerClocks:\n  - { what: "Stopped disk is deleted", after: 30d, trigger: "instance stopped", verified: 2026-07 }\n');
    const found = only(await lintCorpus({ [profile]: clock }), 'quoted-source');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^content\/profiles\/box\.md:15:\d+ error quoted-source Unexpected `dangerClocks\.0\.verified: 2026-07` without a quoted source/);
  });
  it('warns when a carried-over file already has a checked source', async () => {
    const carried = GOTCHA('AL3').replace('verified: 2026-09\n', 'carried_over:\n  from: Hanyuyuan6/remote-gpu-trainer@2853286\n  as_of: 2026-07\n');
    expect(only(await lintCorpus({ [gotcha]: carried }), 'quoted-source')).toEqual([
      `${gotcha}:12:14 warning quoted-source Unexpected checked source in a carried-over file, expected \`verified: 2026-09\` in place of \`carried_over\` once every fact is checked`,
    ]);
  });
});
