import { describe, expect, it } from 'vitest';
import { dropOneQueries, widenNote, widenResults, WIDEN_WEIGHT } from './search-widen.ts';
import { SEARCH } from './ui-strings.ts';

describe('dropOneQueries', () => {
  it('leaves out each word in turn, for queries of three to six words', () => {
    expect(dropOneQueries('all_reduce_perf busbw low')).toEqual([
      { word: 'all_reduce_perf', query: 'busbw low' },
      { word: 'busbw', query: 'all_reduce_perf low' },
      { word: 'low', query: 'all_reduce_perf busbw' },
    ]);
    expect(dropOneQueries('a b c d e f')).toHaveLength(6);
  });

  it('offers nothing for two words (one word alone says too little) or a pasted message of seven or more', () => {
    expect(dropOneQueries('nccl timeout')).toEqual([]);
    expect(dropOneQueries('a b c d e f g')).toEqual([]);
    // Repeats count once, as Pagefind sees them.
    expect(dropOneQueries('nccl NCCL timeout')).toEqual([]);
  });
});

describe('widenResults', () => {
  const page = (id: string, score: number) => ({ id, score });
  // "all_reduce_perf busbw low": only a long checklist mentions all three words; the gotcha says "slower".
  const full = [page('checklist', 2)];
  const partial = [
    { word: 'all_reduce_perf', results: [page('checklist', 1.5)] },
    { word: 'busbw', results: [page('checklist', 1.2), page('other', 1)] },
    { word: 'low', results: [page('mn7', 20), page('checklist', 1.8)] },
  ];

  it('puts first a page that lacks one word but matches the others far better, and names the word it lacks', () => {
    const widened = widenResults(full, partial);
    expect(widened?.results.map((r) => r.id)).toEqual(['mn7', 'checklist', 'other']);
    expect(widened?.lacking).toBe('low');
  });

  it('lists each page once: a full match at its full score, any other page at its best score without one word', () => {
    const widened = widenResults([page('a', 1)], [
      { word: 'x', results: [page('b', 10), page('a', 30)] },
      { word: 'y', results: [page('b', 20)] },
    ]);
    expect(widened?.results.map((r) => r.id)).toEqual(['b', 'a']);
    // b's better score is the one without "y".
    expect(widened?.lacking).toBe('y');
  });

  it('keeps the full results when a page lacking a word is not far enough ahead of them', () => {
    // 2 / WIDEN_WEIGHT is what a page lacking a word must beat; just under it, nothing changes.
    expect(widenResults(full, [{ word: 'low', results: [page('mn7', 2 / WIDEN_WEIGHT - 0.01)] }])).toBeNull();
    expect(widenResults(full, [{ word: 'low', results: [page('mn7', 2 / WIDEN_WEIGHT + 0.01)] }])?.lacking).toBe('low');
  });

  it('never overrides a query that found nothing (the relaxation handles that)', () => {
    expect(widenResults([], partial)).toBeNull();
  });

  it('says which word the first result lacks', () => {
    expect(widenNote({ results: [], lacking: 'low' })).toMatch(/^The first result does not contain “low”/);
    expect(widenNote({ results: [], lacking: '扣费' }, SEARCH['zh-cn'])).toMatch(/^第一个结果不含“扣费”/);
  });
});
