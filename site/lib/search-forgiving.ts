/**
 * What the search modal shows in place of Pagefind UI's own list, decided without a browser: given the query,
 * whether Pagefind UI found nothing, and a way to search, either relaxed results (a word left out, see
 * search-relax.ts), widened ones (a page lacking one word ranked in, see search-widen.ts), or null to leave
 * Pagefind UI's list alone. The glue that watches the modal (site/components/search-modal-results.ts) only
 * reads the query, calls this and renders the answer. On a page of the Chinese edition the query comes in cut
 * into words (`segmentedQuery`), the notes are in Chinese and Pagefind's hits are taken as they are (see
 * `pagefindProbe`).
 */
import { matchedWords, type PagefindResult } from './pagefind.ts';
import { matchesWord, relaxNote, relaxQuery, type Probe } from './search-relax.ts';
import { dropOneQueries, widenNote, widenResults } from './search-widen.ts';
import { SEARCH, type UiLocale } from './ui-strings.ts';

/** One search with the reader's filters applied: Pagefind's results, best first. */
export type Search<T extends PagefindResult = PagefindResult> = (query: string) => Promise<T[]>;

export interface Forgiven<T extends PagefindResult = PagefindResult> {
  /** The sentence above the list: what was left out, or which word the first result lacks. */
  note: string;
  results: T[];
}

/** How many of a word's best hits are read to judge whether Pagefind matched the word or a prefix of it. */
const JUDGED_HITS = 3;

/**
 * A `Probe` over Pagefind searches. A word counts as present only when its best hits really hold it
 * (`matchesWord`), not a short prefix Pagefind fell back to; `present` records each answer for the caller.
 * With `readBack` false (the Chinese index) Pagefind's hits are taken as they are: that index counts word
 * positions in Pagefind's own segmentation of the text, which a split on spaces cannot recover (HF_ENDPOINT's
 * positions land on 'aria2c' and past the end), so the matched words cannot be read back.
 */
export function pagefindProbe<T extends PagefindResult>(search: Search<T>, readBack = true): Probe & { present: Map<string, boolean> } {
  const present = new Map<string, boolean>();
  return {
    present,
    count: async (query) => (await search(query)).length,
    hits: async (word) => {
      const results = await search(word);
      if (!results.length) {
        present.set(word, false);
        return 0;
      }
      if (!readBack) {
        present.set(word, true);
        return results.length;
      }
      // The best few hits: the top one alone may be a longer word that merely shares the stem.
      const marked = (await Promise.all(results.slice(0, JUDGED_HITS).map(matchedWords))).flat();
      const found = matchesWord(word, marked);
      present.set(word, found);
      return found ? results.length : 0;
    },
  };
}

/**
 * The relaxed or widened results for `term`, or null when Pagefind UI's own list should stay. `emptied` says
 * whether Pagefind UI found no page for the full query; `locale` is the page's edition, which words the note
 * and, for Chinese, decides how hits are judged. `term` is the query as Pagefind searches it (on a Chinese
 * page, `segmentedQuery` of what was typed).
 */
export async function forgivingResults<T extends PagefindResult>(term: string, emptied: boolean, search: Search<T>, locale: UiLocale = 'en'): Promise<Forgiven<T> | null> {
  const say = SEARCH[locale];
  const probe = pagefindProbe(search, locale !== 'zh-cn');
  const relaxed = await relaxQuery(term, probe, emptied);
  if (relaxed) {
    const results = await search(relaxed.query);
    return results.length ? { note: relaxNote(relaxed, say), results } : null;
  }
  // Widen only when every word is on some page and the query finds pages: otherwise there is no full list to
  // rank into, or a word no page holds would make every page "lack" it.
  if (emptied || probe.present.size === 0 || [...probe.present.values()].some((p) => !p)) return null;
  const drops = dropOneQueries(term);
  if (!drops.length) return null;
  const [full, ...partial] = await Promise.all([term, ...drops.map((d) => d.query)].map(search));
  const widened = widenResults(full, drops.map((d, i) => ({ word: d.word, results: partial[i] })));
  return widened ? { note: widenNote(widened, say), results: widened.results } : null;
}
