import { describe, expect, it } from 'vitest';
import { matchesWord, queryWords, relaxNote, relaxQuery, segmentedQuery, type Probe } from './search-relax.ts';
import { SEARCH } from './ui-strings.ts';

/**
 * A toy index: each page is a set of words; a query matches a page holding every one of its words (Pagefind's
 * rule, without stemming). `calls` records every probe so the tests can bound the work done.
 */
function index(pages: string[][]) {
  const calls: string[] = [];
  const matching = (q: string) => pages.filter((p) => queryWords(q).every((w) => p.includes(w.toLowerCase())));
  const probe: Probe = {
    hits: async (w) => (calls.push(`hits ${w}`), matching(w).length),
    count: async (q) => (calls.push(`count ${q}`), matching(q).length),
  };
  return { probe, calls };
}

const corpus = [
  ['torch.save', 'basic_ios', 'disk', 'full', 'checkpoint'],
  ['cuda', 'out', 'of', 'memory', 'checkpoint'],
  ['nccl', 'timeout', 'watchdog', 'collective'],
  ['runpod', 'zero', 'gpu', 'pods'],
  ['disk', 'full', 'inode'],
];

describe('queryWords', () => {
  it('splits on any whitespace, drops quotes and repeats (case-insensitively), keeps inner punctuation', () => {
    expect(queryWords('  "No space"  left\ton   device  no ')).toEqual(['No', 'space', 'left', 'on', 'device']);
    expect(queryWords('torch.save basic_ios::clear')).toEqual(['torch.save', 'basic_ios::clear']);
    expect(queryWords('   ')).toEqual([]);
  });
});

describe('matchesWord', () => {
  it('accepts the word itself, a longer word and another form of the same stem', () => {
    expect(matchesWord('basic_ios', ['basic_ios::clear:'])).toBe(true);
    expect(matchesWord('nccl', ['NCCL_DEBUG=INFO'])).toBe(true);
    expect(matchesWord('memories', ['memory'])).toBe(true);
    expect(matchesWord('nccll', ['NCCL'])).toBe(true);
  });

  it('accepts a word found as one part of a compound', () => {
    expect(matchesWord('fabricmanager', ['nvidia-fabricmanager'])).toBe(true);
    expect(matchesWord('limit', ['recompile_limit.'])).toBe(true);
    expect(matchesWord('iteration', ['IterableDataset', 'iteration.'])).toBe(true);
    expect(matchesWord('banana', ['fail2ban,'])).toBe(false);
  });

  it('rejects the short prefix Pagefind falls back to for a word it does not know', () => {
    expect(matchesWord('memroy', ['--mem.'])).toBe(false);
    expect(matchesWord('xyzzyq', ['X;', "X'"])).toBe(false);
    expect(matchesWord('qqqqzzz', ['q,'])).toBe(false);
  });

  it('trusts Pagefind for very short words and for hits without a highlight (matched in metadata)', () => {
    expect(matchesWord('of', ['offload'])).toBe(true);
    expect(matchesWord('xyzzyq', [])).toBe(true);
  });
});

describe('relaxQuery', () => {
  it('drops a word no page contains and keeps the rest', async () => {
    const { probe } = index(corpus);
    await expect(relaxQuery('cuda out of memroy', probe, true)).resolves.toEqual({ query: 'cuda out of', missing: ['memroy'], apart: [] });
  });

  it('drops every absent word, even when the full query found pages through a fallback', async () => {
    const { probe } = index(corpus);
    await expect(relaxQuery('xyzzy basic_ios frobnicate', probe, false)).resolves.toEqual({ query: 'basic_ios', missing: ['xyzzy', 'frobnicate'], apart: [] });
  });

  it('offers nothing when every word is present and the query already finds pages', async () => {
    const { probe, calls } = index(corpus);
    await expect(relaxQuery('disk full', probe, false)).resolves.toBeNull();
    expect(calls.filter((c) => c.startsWith('count'))).toEqual([]);
  });

  it('offers nothing for a single word or when no word is present at all', async () => {
    const { probe } = index(corpus);
    await expect(relaxQuery('memroy', probe, true)).resolves.toBeNull();
    await expect(relaxQuery('memroy xyzzy', probe, true)).resolves.toBeNull();
  });

  it('when present words never meet on one page, keeps the largest group, preferring rare words', async () => {
    const { probe } = index(corpus);
    // "checkpoint" is on two pages, "basic_ios" and "nccl" on one each; no page has all three, and no page
    // has two of them except basic_ios + checkpoint.
    await expect(relaxQuery('nccl basic_ios checkpoint', probe, true)).resolves.toEqual({ query: 'basic_ios checkpoint', missing: [], apart: ['nccl'] });
    // Two words on different pages: the rarer one wins ("inode" is on one page, "disk" on two).
    await expect(relaxQuery('inode torch.save', probe, true)).resolves.toEqual({ query: 'inode', missing: [], apart: ['torch.save'] });
  });

  it('combines both reasons: absent words out, then words that do not meet', async () => {
    const { probe } = index(corpus);
    await expect(relaxQuery('runpod xyzzy watchdog', probe, true)).resolves.toEqual({ query: 'runpod', missing: ['xyzzy'], apart: ['watchdog'] });
  });

  it('bounds the number of searches for a long pasted message and still finds something', async () => {
    // Sixteen words, each on its own page: no pair meets, so every subset search fails.
    const pages = Array.from({ length: 16 }, (_, i) => [`w${i}`]);
    const { probe, calls } = index(pages);
    const relaxed = await relaxQuery(pages.map((p) => p[0]).join(' '), probe, true);
    expect(relaxed?.query.split(' ')).toHaveLength(1);
    expect(calls.filter((c) => c.startsWith('count')).length).toBeLessThanOrEqual(40);
  });
});

describe('relaxNote', () => {
  it('names what was left out and what is shown', () => {
    expect(relaxNote({ query: 'cuda out of', missing: ['memroy'], apart: [] })).toBe('No page contains “memroy” — showing results without it, for “cuda out of”.');
    expect(relaxNote({ query: 'runpod', missing: ['xyzzy'], apart: ['watchdog'] })).toBe(
      'No page contains “xyzzy”, and no page has “watchdog” together with the other words — showing results without them, for “runpod”.',
    );
    expect(relaxNote({ query: 'inode', missing: [], apart: ['torch.save'] })).toBe('No page has “torch.save” together with the other words — showing results without it, for “inode”.');
  });
});

describe('segmentedQuery', () => {
  it('cuts a Chinese phrase into the words Pagefind searches for, on a Chinese page only', () => {
    expect(segmentedQuery('数据盘一直扣费', 'zh-CN').split(' ')).toEqual(expect.arrayContaining(['一直']));
    expect(segmentedQuery('数据盘一直扣费', 'zh-CN').split(' ').length).toBeGreaterThan(2);
    expect(segmentedQuery('关机后代码没了 /root', 'zh-CN').split(' ')).toEqual(expect.arrayContaining(['代码', '/root']));
    expect(segmentedQuery('数据盘一直扣费', 'en')).toBe('数据盘一直扣费');
    expect(segmentedQuery('torch.save basic_ios', 'zh-CN')).toBe('torch.save basic_ios');
  });

  it('lets the relaxation drop only the part of a phrase no page holds', async () => {
    const { probe } = index([['归还', '实例', '结果', '没了', 'work'], ['实例', '保存', '环境']]);
    const relaxed = await relaxQuery(segmentedQuery('归还实例后结果没了', 'zh-CN'), probe, true);
    expect(relaxed?.missing).toEqual(['后']);
    expect(relaxed?.query).toBe('归还 实例 结果 没了');
    // Taken whole, the phrase is a single word, and a single word is never relaxed.
    expect(await relaxQuery('归还实例后结果没了', probe, true)).toBeNull();
  });

  it('words its notes in Chinese on a Chinese page', () => {
    expect(relaxNote({ query: '归还 实例', missing: ['后'], apart: [] }, SEARCH['zh-cn'])).toBe('没有页面包含“后”。下面是去掉这些词之后，按“归还 实例”搜索的结果。');
    expect(relaxNote({ query: 'disk', missing: ['zz'], apart: [] })).toBe('No page contains “zz” — showing results without it, for “disk”.');
  });
});
