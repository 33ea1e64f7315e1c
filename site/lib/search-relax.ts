/**
 * Forgiving search, the pure half: what to search instead when the reader's query finds nothing useful.
 *
 * Pagefind only returns pages that hold every word of the query. A word that no page has (a typo, the name of
 * another tool, an error fragment from a different library) either empties the list or, because Pagefind then
 * falls back to the longest prefix of that word it does know ("memroy" is searched as "mem", "xyzzy" as "x"),
 * fills it with pages that merely contain a short fragment. `relaxQuery` asks about each word alone, treats a
 * word whose best hit only shares a short prefix with it as absent, leaves out the absent words (and, when the
 * remaining words exist but never meet on one page, the most common of them) and names what it left out.
 *
 * It only needs two counting functions (`Probe`), so it runs without a browser or an index; the modal's glue
 * (site/components/search-modal-results.ts) answers them with Pagefind searches.
 */

import { SEARCH, type SearchStrings } from './ui-strings.ts';

export interface Relaxed {
  /** The query whose results are shown instead. */
  query: string;
  /** Words of the original query that no page contains at all. */
  missing: string[];
  /** Words that exist somewhere but were left out because no page holds them together with the rest. */
  apart: string[];
}

/** How the relaxation asks the index; both answer with a number of pages (0 for none). */
export interface Probe {
  /** Pages that really contain this one word (not just a fragment of it). */
  hits(word: string): Promise<number>;
  /** Pages matching a whole query. */
  count(query: string): Promise<number>;
}

// Trying subsets grows combinatorially; past this many words only the rarest ones are combined, and the number
// of extra searches stays bounded so a long pasted error message cannot stall the modal.
const MAX_POOL = 8;
const MAX_TRIES = 40;

/** The distinct words of a query as Pagefind would see them apart: split on spaces, quotes dropped. */
export function queryWords(term: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of term.split(/\s+/)) {
    const word = raw.replace(/^["'“”‘’`]+|["'“”‘’`]+$/g, '');
    const key = word.toLowerCase();
    if (word && !seen.has(key)) {
      seen.add(key);
      out.push(word);
    }
  }
  return out;
}

const HAN = /\p{Script=Han}/u;

/**
 * The query as Pagefind searches it on a page in `lang`. For Chinese, Pagefind cuts the query into words with
 * the browser's `Intl.Segmenter` before it searches (a phrase typed without spaces, 数据盘一直扣费, is searched
 * as 数据 盘 一直 扣 费), so the relaxation must weigh those same words: taken whole, the phrase is one word no
 * page holds, and it would be dropped entirely instead of losing only the part no page has. Other languages,
 * and words without Han characters, pass through as typed.
 */
export function segmentedQuery(term: string, lang: string): string {
  if (!/^zh\b/i.test(lang) || typeof Intl.Segmenter === 'undefined' || !HAN.test(term)) return term;
  const words = new Intl.Segmenter(lang, { granularity: 'word' });
  return queryWords(term)
    .flatMap((w) => (HAN.test(w) ? [...words.segment(w)].filter((s) => s.isWordLike).map((s) => s.segment) : [w]))
    .join(' ');
}

function* combinations<T>(items: T[], size: number, start = 0): Generator<T[]> {
  if (size === 0) {
    yield [];
    return;
  }
  for (let i = start; i <= items.length - size; i++) {
    for (const rest of combinations(items, size - 1, i + 1)) yield [items[i], ...rest];
  }
}

const bare = (word: string) => word.toLowerCase().replace(/^[^\p{L}\p{N}_]+|[^\p{L}\p{N}_]+$/gu, '');

/**
 * Whether Pagefind matched `word` itself (or a longer word, or another form of the same stem) rather than a
 * short prefix it fell back to. `marked` are the words Pagefind matched on the best hits (see `matchedWords`);
 * a compound ("nvidia-fabricmanager", "recompile_limit") counts through any of its parts. Stemmed forms share
 * most of their letters ("memories"/"memory" five of eight); fallback prefixes share few ("memroy"/"mem" three
 * of six).
 */
export function matchesWord(word: string, marked: string[]): boolean {
  const q = bare(word);
  // Very short words and hits found only in metadata (no highlight) cannot be judged; trust Pagefind.
  if ([...q].length < 4 || marked.length === 0) return true;
  const need = Math.ceil(q.length * 0.6);
  const shared = (w: string) => {
    let i = 0;
    while (i < q.length && i < w.length && q[i] === w[i]) i++;
    return i;
  };
  return marked.some((m) => {
    const whole = bare(m);
    return shared(whole) >= need || whole.split(/[^\p{L}\p{N}]+/u).some((part) => shared(part) >= need);
  });
}

/**
 * A smaller query that finds the pages `term` was meant for, or null when there is nothing better to offer: a
 * single word, every word present and the query already finding pages (`emptied` false), or no word present.
 * `emptied` says whether the full query found no page at all.
 */
export async function relaxQuery(term: string, probe: Probe, emptied: boolean): Promise<Relaxed | null> {
  const words = queryWords(term);
  if (words.length < 2) return null;
  const hits = new Map<string, number>();
  await Promise.all(words.map(async (w) => hits.set(w, await probe.hits(w))));
  const missing = words.filter((w) => hits.get(w) === 0);
  const present = words.filter((w) => hits.get(w)! > 0);
  if (present.length === 0 || (missing.length === 0 && !emptied)) return null;
  const count = (q: string) => probe.count(q);
  const result = (kept: string[]): Relaxed => ({
    query: kept.join(' '),
    missing,
    apart: present.filter((w) => !kept.includes(w)),
  });
  if (present.length === 1) return result(present);
  // Without the missing words the rest may already meet on some page; that is the least surprising answer.
  if (missing.length > 0 && (await count(present.join(' '))) > 0) return result(present);

  // The remaining words exist, but not together. Keep as many as possible, and among equally long subsets
  // prefer the ones made of rarer words: a rare word ("basic_ios") says more about the page wanted than a
  // common one ("error").
  const pool = [...present].sort((a, b) => hits.get(a)! - hits.get(b)!).slice(0, MAX_POOL);
  let tries = 0;
  for (let size = pool.length < present.length ? pool.length : pool.length - 1; size >= 2; size--) {
    for (const subset of combinations(pool, size)) {
      if (++tries > MAX_TRIES) return result([pool[0]]);
      if ((await count(subset.join(' '))) > 0) return result(subset);
    }
  }
  // Every single word has hits, so the rarest one alone always finds something.
  return result([pool[0]]);
}

/** The sentence shown above relaxed results, in the page's language. */
export function relaxNote(relaxed: Relaxed, say: SearchStrings = SEARCH.en): string {
  return say.relaxed(relaxed.missing, relaxed.apart, relaxed.query);
}
