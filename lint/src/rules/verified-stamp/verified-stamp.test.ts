import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { GOTCHA, lintCorpus, only } from '../../../test/corpus.ts';
import { applyFixes } from '../../fix.ts';
import { normalizeMonth } from './loose-month.ts';

const at = 'content/references/stamped.md';
const gotcha = 'content/gotchas/alpha/al3-stamp.md';

describe('verified-stamp', () => {
  it('warns past --max-age and errors past twice it', async () => {
    const f = (month: string) => lintCorpus({ [gotcha]: GOTCHA('AL3').replace('verified: 2026-09', `verified: ${month}`) });
    expect(only(await f('2026-05'), 'verified-stamp')).toEqual([]);
    expect(only(await f('2026-04'), 'verified-stamp')).toEqual([`${gotcha}:13:11 warning verified-stamp Ageing stamp \`2026-04\` in \`verified\`: 7 months old, over the 6-month limit`]);
    expect(only(await f('2025-10'), 'verified-stamp')).toEqual([`${gotcha}:13:11 error verified-stamp Stale stamp \`2025-10\` in \`verified\`: 13 months old, over twice the 6-month limit`]);
    expect(only(await f('June'), 'verified-stamp')).toEqual([`${gotcha}:13:11 error verified-stamp Expected a month written \`YYYY-MM\` (month 01–12), got \`June\` in \`verified\``]);
  });
  it('requires exactly one of `verified` and `carried_over`, and checks the carried-over months', async () => {
    const carried = (block: string) => GOTCHA('AL3').replace('verified: 2026-09\n', block);
    const co = 'carried_over:\n  from: Hanyuyuan6/remote-gpu-trainer@2853286\n  as_of: 2026-07\n';
    expect(only(await lintCorpus({ [gotcha]: carried(co) }), 'verified-stamp')).toEqual([]);
    expect(only(await lintCorpus({ [gotcha]: carried(`verified: 2026-09\n${co}`) }), 'verified-stamp')).toEqual([
      `${gotcha}:15:3 error verified-stamp Unexpected \`carried_over\` beside \`verified\`, expected one of them: drop \`carried_over\` once the facts are checked and quoted`,
    ]);
    expect(only(await lintCorpus({ [gotcha]: carried('') }), 'verified-stamp')).toEqual([
      `${gotcha}:2:1 error verified-stamp Missing provenance: expected \`verified: YYYY-MM\` (checked, with a quoted source) or \`carried_over: { from, as_of }\``,
    ]);
    expect(only(await lintCorpus({ [gotcha]: carried(co.replace('@2853286', '')) }), 'verified-stamp')).toEqual([
      `${gotcha}:14:9 error verified-stamp Expected \`owner/name@commit\` (7–40 hex digits), got \`Hanyuyuan6/remote-gpu-trainer\` in \`carried_over.from\``,
    ]);
    expect(only(await lintCorpus({ [gotcha]: carried(co.replace('2026-07', '2027-01') + '  upstream_verified: 2027-03\n') }), 'verified-stamp')).toEqual([
      `${gotcha}:15:10 error verified-stamp Unexpected future month \`2027-01\` in \`carried_over.as_of\`, expected \`2026-11\` or earlier`,
      `${gotcha}:16:22 error verified-stamp Unexpected \`carried_over.upstream_verified: 2027-03\` after \`as_of: 2027-01\`, expected a month no later than the version it was taken from`,
    ]);
  });
  it('--fix rewrites only unambiguous formats and never the claimed month', async () => {
    const text = readFileSync(new URL('./fixtures/not-ok-inline.md', import.meta.url), 'utf8');
    const { lint } = await import('../../engine/run.ts');
    const { findings } = await lint({ root: '/v', corpus: [at], today: '2026-11', maxAge: 6, read: async () => new TextEncoder().encode(text) });
    const fixed = applyFixes(text, findings.flatMap((f) => (f.fix ? [f.fix] : [])));
    expect(fixed).toContain('verified: 2026-06\n');
    expect(fixed).toContain('(verified docs.example.com 2026-03)');
    expect(fixed).toContain('(verified 2026-06).');
    expect(fixed).toContain('(verified 2027-01)');
    expect(fixed.split('\n').length).toBe(text.split('\n').length);
  });
  it('normalises only what is unambiguous', () => {
    expect(['2026-6', '2026/06', '2026-06-15', 'June 2026', 'Sept. 2026', '2026-13', 'June', '2026'].map(normalizeMonth)).toEqual(['2026-06', '2026-06', '2026-06', '2026-06', '2026-09', undefined, undefined, undefined]);
  });
});
