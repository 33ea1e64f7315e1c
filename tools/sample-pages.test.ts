import { describe, expect, it } from 'vitest';
import { pages, sample, type Page } from './sample-pages.ts';

describe('sample-pages', () => {
  const all: Page[] = Array.from({ length: 50 }, (_, i) => ({ file: `content/x/p${i}.md`, id: `P${i}`, state: i % 2 ? 'checked' : 'carried-over' }));
  it('gives the same pages for the same seed, others for another, only of the state asked', () => {
    const a = sample(all, 'checked', 10, 'seed-1');
    expect(sample(all, 'checked', 10, 'seed-1')).toEqual(a);
    expect(sample(all, 'checked', 10, 'seed-2')).not.toEqual(a);
    expect(a.every((p) => p.state === 'checked')).toBe(true);
    expect(new Set(a.map((p) => p.id)).size).toBe(10);
  });
  it('reads the real corpus: both states present', () => {
    const real = pages();
    expect(real.some((p) => p.state === 'checked')).toBe(true);
    expect(real.some((p) => p.state === 'carried-over')).toBe(true);
  });
});
