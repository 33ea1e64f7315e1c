import { describe, expect, it } from 'vitest';
import { matchedWords, type PagefindResult } from './pagefind.ts';
import { matchesWord } from './search-relax.ts';

describe('matchedWords', () => {
  // Pagefind's data(): one object per page, whose excerpt each call rewrites for the search that made it.
  const page = { url: '/gotchas/rp4/', excerpt: '', content: 'Stopped Pod still charging for the volume disk.', meta: { title: 'RP4 — Stopped RunPod Pod still charging' } };
  const result = (words: number[], term: string): PagefindResult => ({
    id: 'rp4',
    score: 1,
    words,
    data: async () => {
      page.excerpt = `… <mark>${term}</mark> …`;
      return page;
    },
  });

  it('reads the words at the result\'s own positions, whichever search loaded the page last', async () => {
    const stopped = result([0], 'Stopped');
    const charging = result([3], 'charging');
    const [a, b] = await Promise.all([matchedWords(stopped), matchedWords(charging)]);
    expect(a).toContain('Stopped');
    expect(a).not.toContain('charging.');
    expect(b.slice(0, 1)).toEqual(['charging']);
  });

  it('adds the words of the metadata, where titles and "also seen as" lists are searched', async () => {
    const words = await matchedWords(result([], 'RunPod'));
    expect(words).toEqual(['RP4', '—', 'Stopped', 'RunPod', 'Pod', 'still', 'charging']);
    expect(matchesWord('stopped', words)).toBe(true);
    expect(matchesWord('charisma', words)).toBe(false);
  });
});
