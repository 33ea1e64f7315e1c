import { describe, expect, it } from 'vitest';
import type { PagefindResult } from './pagefind.ts';
import { forgivingResults, pagefindProbe } from './search-forgiving.ts';
import { queryWords, segmentedQuery } from './search-relax.ts';

/**
 * A toy Pagefind over a few pages: a query finds the pages that hold every word (as a word's start, as
 * Pagefind's stemming roughly does), and a word no page holds falls back to its longest prefix that some page
 * word starts with, as Pagefind does ("memroy" is searched as "mem"). A page's score is its weight times the
 * number of places it matched.
 */
function toyPagefind(pages: { id: string; text: string; weight?: number }[]) {
  const searched: string[] = [];
  const lower = (w: string) => w.toLowerCase().replace(/[^\p{L}\p{N}_]+$/u, '');
  const known = (prefix: string) => pages.some((p) => p.text.split(/\s+/).some((w) => lower(w).startsWith(prefix)));
  const fallback = (word: string) => {
    for (let n = word.length; n > 0; n--) if (known(word.slice(0, n))) return word.slice(0, n);
    return undefined;
  };
  const search = async (query: string): Promise<PagefindResult[]> => {
    searched.push(query);
    const terms = queryWords(query).map((w) => fallback(w.toLowerCase()));
    if (terms.some((t) => t === undefined)) return [];
    const results: PagefindResult[] = [];
    for (const page of pages) {
      const words = page.text.split(/\s+/);
      const at = terms.map((t) => words.flatMap((w, i) => (lower(w).startsWith(t!) ? [i] : [])));
      if (at.some((positions) => positions.length === 0)) continue;
      results.push({
        id: page.id,
        score: (page.weight ?? 1) * at.flat().length,
        words: at.flat(),
        data: async () => ({ url: `/${page.id}/`, excerpt: '', content: page.text, meta: { title: page.id } }),
      });
    }
    return results.sort((a, b) => b.score - a.score);
  };
  return { search, searched };
}

const pages = [
  { id: 'oom', text: 'CUDA out of memory while the checkpoint loads' },
  { id: 'mem', text: 'The mem limit of a container is not the GPU memory' },
  { id: 'nccl-slow', text: 'all_reduce_perf busbw slower than expected on one node', weight: 20 },
  { id: 'checklist', text: 'Checklist: run all_reduce_perf and read busbw; low values mean a slow link' },
];

describe('pagefindProbe', () => {
  it('counts a word Pagefind only matched through a short prefix as absent', async () => {
    const { search } = toyPagefind(pages);
    const probe = pagefindProbe(search);
    expect(await probe.hits('memroy')).toBe(0);
    expect(await probe.hits('memory')).toBe(2);
    expect(probe.present).toEqual(new Map([['memroy', false], ['memory', true]]));
  });

  it('takes Pagefind\'s hits as they are when the matched words cannot be read back (the Chinese index)', async () => {
    const { search } = toyPagefind(pages);
    // "memroy" falls back to "mem": read back, that is a prefix match; taken as it is, a hit.
    const probe = pagefindProbe(search, false);
    expect(await probe.hits('memroy')).toBe(2);
    expect(await probe.hits('zzz')).toBe(0);
    expect(probe.present).toEqual(new Map([['memroy', true], ['zzz', false]]));
  });
});

describe('forgivingResults', () => {
  it('relaxes a query with a misspelt word: results without it, and a note naming it', async () => {
    const { search } = toyPagefind(pages);
    const shown = await forgivingResults('cuda out of memroy', true, search);
    expect(shown?.note).toBe('No page contains “memroy” — showing results without it, for “cuda out of”.');
    expect(shown?.results.map((r) => r.id)).toEqual(['oom']);
  });

  it('ranks first a page that lacks one word but matches the others far better', async () => {
    const { search } = toyPagefind(pages);
    const shown = await forgivingResults('all_reduce_perf busbw low', false, search);
    expect(shown?.note).toMatch(/^The first result does not contain “low”/);
    expect(shown?.results.map((r) => r.id)).toEqual(['nccl-slow', 'checklist']);
  });

  it('relaxes a Chinese phrase cut into words, with the note in Chinese', async () => {
    const { search } = toyPagefind([
      { id: 'fz1', text: '归还 实例 后 结果 没了' },
      { id: 'other', text: '实例 保存 环境' },
    ]);
    const shown = await forgivingResults(segmentedQuery('归还实例之后结果', 'zh-CN'), true, search, 'zh-cn');
    expect(shown?.note).toMatch(/^没有页面包含“之后”。下面是去掉这些词之后，按“归还 实例 结果”搜索的结果。$/);
    expect(shown?.results.map((r) => r.id)).toEqual(['fz1']);
  });

  it('leaves a query that works alone', async () => {
    const { search } = toyPagefind(pages.filter((p) => p.id !== 'nccl-slow'));
    expect(await forgivingResults('all_reduce_perf busbw low', false, search)).toBeNull();
    expect(await forgivingResults('checkpoint loads', false, search)).toBeNull();
  });

  it('relaxes rather than widens when Pagefind UI found nothing, though every word is on some page', async () => {
    const { search } = toyPagefind(pages);
    const shown = await forgivingResults('cuda busbw', true, search);
    expect(shown?.note).toMatch(/together with the other words/);
  });

  it('never widens around a word that no page holds', async () => {
    const { search, searched } = toyPagefind(pages);
    // "zzz" is on no page and the query found nothing: the relaxation answers, not the widening.
    const shown = await forgivingResults('all_reduce_perf busbw zzz', true, search);
    expect(shown?.note).toMatch(/^No page contains “zzz”/);
    expect(searched).not.toContain('all_reduce_perf zzz');
  });
});
