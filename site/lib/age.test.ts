import { describe, expect, it } from 'vitest';
import { ageOf, provenanceView } from './age.ts';

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

  it('has a state for a page that states neither', () => {
    expect(provenanceView({})).toMatchObject({ facet: 'none' });
  });
});
