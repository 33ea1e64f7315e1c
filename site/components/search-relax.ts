/**
 * Forgiving search for Starlight's Pagefind modal.
 *
 * Pagefind only returns pages that hold every word of the query. A word that no page has — a typo, the name of
 * another tool, an error fragment from a different library — either empties the list or, because Pagefind then
 * falls back to the longest prefix of that word it does know ("memroy" is searched as "mem", "xyzzy" as "x"),
 * fills it with pages that merely contain a short fragment. After the modal's own search, this module asks
 * Pagefind about each word alone, treats a word whose best hit only shares a short prefix with it as absent,
 * leaves out the absent words (and, when the remaining words exist but never meet on one page, the most common
 * of them) and shows the results of that smaller query under a note naming what was left out. When every word
 * is on some page and the query does find pages, a page that lacks one word but matches the others far better
 * than any full match may still be the one wanted; `widenResults` ranks such pages in (see there).
 *
 * The relaxation itself (`relaxQuery`) only needs two counting functions, so it is unit tested without a
 * browser; `installRelaxedSearch` is the thin part that watches the modal.
 */

import { afterMutations } from './search-observe.ts';
import { SEARCH, uiLocale, type SearchStrings } from '../lib/ui-strings.ts';

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

/** The sentence shown above widened results. */
export function widenNote(widened: Widened<Scored>, say: SearchStrings = SEARCH.en): string {
  return say.widened(widened.lacking);
}

/** The sentence shown above relaxed results, in the page's language. */
export function relaxNote(relaxed: Relaxed, say: SearchStrings = SEARCH.en): string {
  return say.relaxed(relaxed.missing, relaxed.apart, relaxed.query);
}

export interface PagefindResult {
  id: string;
  score: number;
  /** Positions of the matched words in the page's `content`, split on whitespace; fixed for this search. */
  words: number[];
  data(): Promise<{ url: string; excerpt: string; content: string; meta: Record<string, string | undefined> }>;
}
interface Pagefind { search(term: string, options?: { filters?: Record<string, string[]> }): Promise<{ results: PagefindResult[] } | null> }

const PAGE_SIZE = 5;

/**
 * Give the search controls names that match what is on screen. The open button is named by an `aria-label`
 * ("Search") while it shows "Search Ctrl K" (WCAG 2.5.3, label in name): name it by a visually hidden copy
 * of the label instead, and hide the shortcut hint from assistive technology, which gets the shortcut from
 * `aria-keyshortcuts`. Pagefind UI's input carries only a `title`; give it the same text as its label.
 */
export function labelSearchControls(): void {
  for (const button of document.querySelectorAll<HTMLButtonElement>('site-search button[data-open-modal]')) {
    const label = button.getAttribute('aria-label');
    if (!label) continue;
    const name = document.createElement('span');
    name.className = 'sr-only';
    name.textContent = label;
    // First, not last: Starlight pushes the last child (the shortcut hint) to the far end of the button.
    button.prepend(name);
    button.removeAttribute('aria-label');
    button.querySelector(':scope > kbd')?.setAttribute('aria-hidden', 'true');
  }
  const host = document.querySelector('#starlight__search');
  if (!host) return;
  const name = () => {
    const input = host.querySelector<HTMLInputElement>('input.pagefind-ui__search-input');
    if (!input) return false;
    if (!input.hasAttribute('aria-label')) input.setAttribute('aria-label', input.title || input.placeholder);
    return true;
  };
  // Pagefind UI builds its form when the browser is idle after load.
  if (name()) return;
  const watch = new MutationObserver(() => name() && watch.disconnect());
  watch.observe(host, { childList: true, subtree: true });
}

/**
 * The words of a page that a search may have matched: the words of its text at the result's own positions,
 * and the words of its metadata (titles and "also seen as" lists are searched as metadata, which reports no
 * positions). Read from the page's text, not from `<mark>`s in its excerpt: Pagefind keeps one data object
 * per page and rewrites its excerpt on every `data()` call, so while the probes of several words (or the
 * modal's own search) load the same page, an excerpt read back may belong to another word's search.
 */
export async function matchedWords(result: PagefindResult): Promise<string[]> {
  const data = await result.data();
  const words = data.content.split(/\s+/);
  const inText = result.words.map((i) => words[i]).filter((w) => w !== undefined);
  return [...inText, ...Object.values(data.meta).flatMap((v) => (v ?? '').split(/\s+/))];
}

const element = <K extends keyof HTMLElementTagNameMap>(tag: K, className: string): HTMLElementTagNameMap[K] => {
  const el = document.createElement(tag);
  el.className = className;
  return el;
};

/**
 * A Pagefind excerpt as nodes: its text, with the matched words in `<mark>`. Pagefind writes the excerpt as
 * HTML; it is read in an inert document (no script runs, nothing loads) and only its text and marks are kept,
 * so whatever a page's text holds reaches the results list as characters.
 */
export function excerptNodes(excerpt: string): Node[] {
  const doc = new DOMParser().parseFromString(`<body>${excerpt}</body>`, 'text/html');
  return [...doc.body.childNodes].map((node) => {
    if (node.nodeName !== 'MARK') return document.createTextNode(node.textContent ?? '');
    const mark = document.createElement('mark');
    mark.textContent = node.textContent;
    return mark;
  });
}

/**
 * Watch Starlight's search modal (`#starlight__search`, filled by Pagefind UI). After each search of two or more
 * words, probe the words; when one is absent (or the list is empty), show the relaxed query's results in the
 * results area in place of Pagefind UI's own, and when all are present, the widened results if a page lacking
 * one word comes first.
 */
export function installRelaxedSearch(bundlePath: string): void {
  const host = document.querySelector<HTMLElement>('#starlight__search');
  if (!host) return;
  host.dataset.forgiving = '';
  let pagefind: Promise<Pagefind> | undefined;
  const engine = () => (pagefind ??= import(/* @vite-ignore */ `${bundlePath}pagefind.js`) as Promise<Pagefind>);
  // `active` is the query being relaxed or shown; `gen` tells a stale relaxation (the reader typed on) from the
  // current one.
  let active = '';
  let busy = false;
  let gen = 0;
  let box: HTMLElement | undefined;

  // The filters the reader ticked in the modal, in the shape Pagefind's search options take.
  const selectedFilters = () => {
    const filters: Record<string, string[]> = {};
    for (const tick of host.querySelectorAll<HTMLInputElement>('input.pagefind-ui__filter-checkbox:checked')) {
      (filters[tick.name] ??= []).push(tick.value);
    }
    return filters;
  };

  const clear = () => {
    gen++;
    busy = false;
    active = '';
    box?.remove();
    box = undefined;
    delete host.dataset.relaxed;
    delete host.dataset.settled;
  };

  const render = async (area: Element, message: string, results: PagefindResult[], mine: number) => {
    const sample = area.querySelector('.pagefind-ui__message');
    const el = document.createElement('div');
    el.className = 'relaxed-search';
    const note = document.createElement('p');
    // Borrow Pagefind UI's own (scoped) classes so the note reads like its usual result count.
    note.className = sample?.className ?? 'pagefind-ui__message';
    note.setAttribute('role', 'status');
    note.textContent = message;
    const list = document.createElement('ol');
    list.className = 'pagefind-ui__results';
    el.append(note, list);
    let shown = 0;
    const more = document.createElement('button');
    more.type = 'button';
    more.className = 'pagefind-ui__button';
    more.textContent = SEARCH[uiLocale(document.documentElement.lang)].loadMore;
    const showMore = async () => {
      const batch = await Promise.all(results.slice(shown, shown + PAGE_SIZE).map((r) => r.data()));
      for (const page of batch) {
        const li = document.createElement('li');
        li.className = 'pagefind-ui__result';
        const inner = element('div', 'pagefind-ui__result-inner');
        const title = element('p', 'pagefind-ui__result-title');
        const link = element('a', 'pagefind-ui__result-link');
        link.href = page.url;
        link.textContent = page.meta.title ?? page.url;
        const excerpt = element('p', 'pagefind-ui__result-excerpt');
        excerpt.append(...excerptNodes(page.excerpt));
        title.append(link);
        inner.append(title, excerpt);
        li.append(inner);
        list.append(li);
      }
      shown += batch.length;
      if (shown >= results.length) more.remove();
    };
    more.addEventListener('click', () => void showMore());
    await showMore();
    if (mine !== gen || !area.isConnected) return;
    if (shown < results.length) el.append(more);
    area.append(el);
    box = el;
    host.dataset.relaxed = '';
  };

  const check = async () => {
    const input = host.querySelector<HTMLInputElement>('input.pagefind-ui__search-input');
    const area = host.querySelector('.pagefind-ui__results-area');
    // Pagefind UI renders its list only once a search has finished; while it is searching there is none.
    const list = area?.querySelector(':scope > ol.pagefind-ui__results');
    const typed = input?.value.trim() ?? '';
    const term = segmentedQuery(typed, document.documentElement.lang);
    const say = SEARCH[uiLocale(document.documentElement.lang)];
    const segmenting = uiLocale(document.documentElement.lang) === 'zh-cn';
    // Nor before it has loaded the pages it lists: the probes below load pages too, and Pagefind shares one
    // data object per page between searches (see `matchedWords`); a later mutation brings us back.
    if (list?.querySelector('.pagefind-ui__loading')) return;
    if (!input || !area || !list || !term) {
      if (active) clear();
      delete host.dataset.settled;
      return;
    }
    if (queryWords(term).length < 2) {
      if (active) clear();
      host.dataset.settled = typed;
      return;
    }
    // Already relaxing this query, already showing it, or already found that nothing helps.
    if (active === typed && (busy || !box || box.isConnected)) return;
    clear();
    active = typed;
    busy = true;
    const mine = gen;
    const emptied = list.childElementCount === 0;
    const pf = await engine();
    const filters = selectedFilters();
    const search = (q: string) => pf.search(q, { filters }).then((r) => r?.results ?? []);
    const found = new Map<string, number>();
    const probe: Probe = {
      count: async (q) => (await search(q)).length,
      hits: async (w) => {
        const results = await search(w);
        if (!results.length) return 0;
        // The Chinese index counts word positions in Pagefind's own segmentation of the text, which a split on
        // spaces cannot recover (HF_ENDPOINT's positions land on 'aria2c' and past the end), so there the
        // matched words cannot be read back and Pagefind's hits are taken as they are.
        if (segmenting) {
          found.set(w, results.length);
          return results.length;
        }
        // The best few hits: the top one alone may be a longer word that merely shares the stem.
        const marked = (await Promise.all(results.slice(0, 3).map(matchedWords))).flat();
        const n = matchesWord(w, marked) ? results.length : 0;
        found.set(w, n);
        return n;
      },
    };
    const relaxed = await relaxQuery(term, probe, emptied);
    let shown: { note: string; results: PagefindResult[] } | null = null;
    if (relaxed) {
      const results = await search(relaxed.query);
      if (results.length) shown = { note: relaxNote(relaxed, say), results };
    } else if (!emptied && [...found.values()].every((n) => n > 0)) {
      // Every word is on some page and the query finds pages; see whether a page lacking one word beats them.
      const drops = dropOneQueries(term);
      if (drops.length) {
        const [full, ...partial] = await Promise.all([term, ...drops.map((d) => d.query)].map(search));
        const widened = widenResults(full, drops.map((d, i) => ({ word: d.word, results: partial[i] })));
        if (widened) shown = { note: widenNote(widened, say), results: widened.results };
      }
    }
    if (mine !== gen) return;
    busy = false;
    if (shown && area.isConnected) await render(area, shown.note, shown.results, mine);
    // Tells scripted readers (the search evaluation) that what the modal shows for `term` is final.
    if (mine === gen) host.dataset.settled = typed;
  };

  afterMutations(host, { childList: true, subtree: true, characterData: true }, () => void check());
}
