/**
 * Forgiving search, the second pure half: when every word of a 3-6 word query is on some page and the query
 * finds pages, a page that lacks one word but matches the others far better than any full match may still be
 * the one wanted. `dropOneQueries` lists the searches to make, `widenResults` ranks their pages in.
 */
import { queryWords } from './search-relax.ts';
import { SEARCH, type SearchStrings } from './ui-strings.ts';

/** A page found by one search, with Pagefind's relevance score for that search. */
export interface Scored { id: string; score: number }

/** The full query's results widened by pages that lack one of its words but match the others far better. */
export interface Widened<T extends Scored> {
  results: T[];
  /** The word the first result lacks (every other word of the query is on it). */
  lacking: string;
}

// A page that lacks one word of the query competes with the pages holding all of them on this share of its
// score for the other words, so only a page that matches the rest much more strongly than any full match gets
// ahead. Measured with the search evaluation (evals/, 103 cases): every weight from 0.15 to 0.45 gives the same
// best recall; at 0.5 and above "checkpoint gone after terminate" loses its first result to a page without
// "terminate". 0.3 sits in the middle of that range.
export const WIDEN_WEIGHT = 0.3;
// Three or more words: with two, dropping one leaves a single word, whose strongest pages say little about the
// pair the reader typed. Past six, a pasted message; that is the paste diagnosis' job, and the searches add up.
export const WIDEN_WORDS = [3, 6] as const;

/**
 * The query without each of its words in turn, for `widenResults`; none when the query is not 3–6 words long.
 */
export function dropOneQueries(term: string): { word: string; query: string }[] {
  const words = queryWords(term);
  if (words.length < WIDEN_WORDS[0] || words.length > WIDEN_WORDS[1]) return [];
  return words.map((word) => ({ word, query: words.filter((w) => w !== word).join(' ') }));
}

/**
 * Pagefind finds only pages that hold every word, so one word the wanted page lacks (it says "slower", the
 * reader typed "low") leaves the reader with pages that mention every word in passing. Merge the full query's
 * results (`full`) with those of the query without each word (`partial`, from `dropOneQueries`): a page of the
 * full results keeps its score; any other page scores `WIDEN_WEIGHT` times its best score without one word.
 * Null when the first page would still be one of the full query's, so a query that already works keeps
 * Pagefind UI's own list.
 */
export function widenResults<T extends Scored>(full: T[], partial: { word: string; results: T[] }[], weight = WIDEN_WEIGHT): Widened<T> | null {
  if (full.length === 0) return null;
  const best = new Map<string, { result: T; score: number; lacking: string | null }>();
  for (const result of full) best.set(result.id, { result, score: result.score, lacking: null });
  for (const { word, results } of partial) {
    for (const result of results) {
      const seen = best.get(result.id);
      const score = result.score * weight;
      if (seen && (seen.lacking === null || seen.score >= score)) continue;
      best.set(result.id, { result, score, lacking: word });
    }
  }
  const ranked = [...best.values()].sort((a, b) => b.score - a.score);
  const lacking = ranked[0].lacking;
  return lacking === null ? null : { results: ranked.map((r) => r.result), lacking };
}

/** The sentence shown above widened results, in the page's language. */
export function widenNote(widened: Widened<Scored>, say: SearchStrings = SEARCH.en): string {
  return say.widened(widened.lacking);
}
