import { describe, expect, it } from 'vitest';
import { ageOf, provenanceView } from './age.ts';
import { PROVENANCE } from './ui-strings.ts';

const carried = { from: 'Hanyuyuan6/remote-gpu-trainer@2853286', as_of: '2026-07' };

describe('provenanceView', () => {
  it('shows a checked page by its month, coloured by age', () => {
    expect(provenanceView({ verified: '2026-12' }, '2026-12')).toMatchObject({ facet: 'fresh', label: 'checked 2026-12', short: '2026-12', ago: 'this month' });
    expect(provenanceView({ verified: '2026-05' }, '2026-12')).toMatchObject({ facet: 'stale', ago: '7 months ago' });
    expect(ageOf('2026-08', '2026-12')).toMatchObject({ band: 'ageing', months: 4 });
  });

  it('shows a carried-over page neutrally, with no age and never the word verified', () => {
    for (const data of [{ carried_over: carried }, { carried_over: { ...carried, upstream_verified: '2026-04' } }]) {
      const view = provenanceView(data, '2030-01');
      expect(view).toMatchObject({ facet: 'carried-over', label: 'carried over from upstream (2026-07)', short: 'carried over' });
      expect(view.ago).toBeUndefined();
      expect(`${view.label} ${view.short}`).not.toMatch(/verified/i);
    }
    expect(provenanceView({ carried_over: { ...carried, upstream_verified: '2026-04' } }).title).toContain('upstream said it checked them in 2026-04');
  });

  it('never says plainly "checked" over facts still marked with only the upstream\'s older check', () => {
    const body = 'Volumes bill while stopped (verified 2026-12). Spot costs about half (upstream check: runpod.io, 2026-06). Egress is free (upstream check 2026-06).';
    const view = provenanceView({ verified: '2026-12' }, '2026-12', body);
    expect(view).toMatchObject({ label: 'partly checked 2026-12', short: '2026-12, partly', ago: 'this month' });
    expect(view.title).toContain("2 fact(s) still marked only with the upstream's check");
    // The same page with every fact checked here keeps the plain badge.
    expect(provenanceView({ verified: '2026-12' }, '2026-12', 'Volumes bill while stopped (verified 2026-12).').label).toBe('checked 2026-12');
  });

  it('says partly checked when the page names what it did not check', () => {
    const view = provenanceView({ verified: '2026-12', unchecked: 'the error message format' }, '2026-12');
    expect(view.label).toBe('partly checked 2026-12');
    expect(view.title).toContain('not checked: the error message format');
  });

  it('has a state for a page that states neither', () => {
    expect(provenanceView({})).toMatchObject({ facet: 'none' });
  });
});

describe('provenanceView in Chinese', () => {
  it('words the same facts in the page language, the tooltip keeping the page note as written', () => {
    const zh = PROVENANCE['zh-cn'];
    expect(provenanceView({ verified: '2026-12' }, '2026-12', undefined, zh)).toMatchObject({ facet: 'fresh', label: '已核对 2026-12', short: '2026-12', ago: '本月' });
    expect(provenanceView({ verified: '2026-09' }, '2026-12', undefined, zh)).toMatchObject({ facet: 'fresh', ago: '3 个月前' });
    const partly = provenanceView({ verified: '2026-12', unchecked: 'the Matpool prices' }, '2026-12', undefined, zh);
    expect(partly).toMatchObject({ label: '部分核对 2026-12', short: '2026-12，部分' });
    expect(partly.title).toContain('未核对：the Matpool prices');
    const carried = provenanceView({ carried_over: { from: 'upstream', as_of: '2026-07' } }, '2026-12', undefined, zh);
    expect(carried).toMatchObject({ facet: 'carried-over', label: '沿用上游（2026-07）', short: '沿用上游' });
  });
});
