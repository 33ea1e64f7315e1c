import { describe, expect, it } from 'vitest';
import { fixtureFindings } from '../../../test/fixture.ts';
import { lintCorpus, show } from '../../../test/corpus.ts';

const at = 'content/references/carried.md';

describe('carried-over', () => {
  it('warns once per carried-over file, at the key, and on each inline stamp nothing quoted backs', async () => {
    expect(await fixtureFindings('carried-over', 'not-ok-carried.md', at)).toEqual([
      `${at}:4:1 warning carried-over Carried-over facts from \`Hanyuyuan6/remote-gpu-trainer@2853286\` (2026-07), not checked here`,
      `${at}:14:35 warning carried-over Unexpected inline stamp \`(verified 2026-06)\` without a quoted source checked 2026-06, expected a \`sources\` entry with \`quote:\` and \`checked: 2026-06\``,
    ]);
  });
  it('says nothing of a checked page whose inline stamp a quoted source backs', async () => {
    expect(await fixtureFindings('carried-over', 'ok-checked-inline.md', at)).toEqual([]);
  });
  it('is a warning class: turned off, it leaves no finding and no error', async () => {
    const text = (await import('node:fs')).readFileSync(new URL('./fixtures/not-ok-carried.md', import.meta.url), 'utf8');
    const on = show(await lintCorpus({ [at]: text }));
    expect(on.filter((f) => f.includes(' carried-over '))).toHaveLength(2);
    const off = show(await lintCorpus({ [at]: text }, { severities: { 'carried-over': 'off' } }));
    expect(off.filter((f) => f.includes(' carried-over ') || f.includes(' error '))).toEqual([]);
  });
});
