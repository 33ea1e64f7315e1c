/**
 * Browser glue of Search.astro, here beside it because it only watches the markup Starlight's search modal
 * renders: after each search of two or more words in `#starlight__search`, ask site/lib/search-forgiving.ts
 * what to show, and show it in the results area in place of Pagefind UI's own list. The deciding is there
 * (unit tested); this file reads the query and filters, keeps a stale answer (the reader typed on) off the
 * screen and sets the data attributes the styles, the keyboard glue and the search evaluation read:
 * `data-forgiving` (installed), `data-relaxed` (our list is shown), `data-settled` (what is shown for that
 * query is final).
 */
import type { Pagefind } from '../lib/pagefind.ts';
import { forgivingResults } from '../lib/search-forgiving.ts';
import { queryWords, segmentedQuery } from '../lib/search-relax.ts';
import { SEARCH, uiLocale } from '../lib/ui-strings.ts';
import { resultsList } from './search-results-list.ts';
import { afterMutations } from './after-mutations.ts';

export function installForgivingSearch(bundlePath: string): void {
  const host = document.querySelector<HTMLElement>('#starlight__search');
  if (!host) return;
  host.dataset.forgiving = '';
  let pagefind: Promise<Pagefind> | undefined;
  const engine = () => (pagefind ??= import(/* @vite-ignore */ `${bundlePath}pagefind.js`) as Promise<Pagefind>);
  // `active` is the query being worked on or shown; `gen` tells a stale answer (the reader typed on) from the
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

  const check = async () => {
    const input = host.querySelector<HTMLInputElement>('input.pagefind-ui__search-input');
    const area = host.querySelector('.pagefind-ui__results-area');
    // Pagefind UI renders its list only once a search has finished; while it is searching there is none.
    const list = area?.querySelector(':scope > ol.pagefind-ui__results');
    // What the reader typed marks the answer (`active`, `data-settled`); the searches use it as Pagefind cuts it.
    const typed = input?.value.trim() ?? '';
    const lang = document.documentElement.lang;
    const term = segmentedQuery(typed, lang);
    // Nor before it has loaded the pages it lists: the searches below load pages too, and Pagefind shares one
    // data object per page between searches (see matchedWords in site/lib/pagefind.ts); a later mutation
    // brings us back.
    if (list?.querySelector('.pagefind-ui__loading')) return;
    if (!input || !area || !list || !typed) {
      if (active) clear();
      delete host.dataset.settled;
      return;
    }
    if (queryWords(term).length < 2) {
      if (active) clear();
      host.dataset.settled = typed;
      return;
    }
    // Already working on this query, already showing it, or already found that nothing helps.
    if (active === typed && (busy || !box || box.isConnected)) return;
    clear();
    active = typed;
    busy = true;
    const mine = gen;
    const emptied = list.childElementCount === 0;
    const pf = await engine();
    const filters = selectedFilters();
    const locale = uiLocale(lang);
    const shown = await forgivingResults(term, emptied, (q) => pf.search(q, { filters }).then((r) => r?.results ?? []), locale);
    if (mine !== gen) return;
    busy = false;
    if (shown && area.isConnected) {
      // Borrow Pagefind UI's own (scoped) classes so the note reads like its usual result count.
      const messageClass = area.querySelector('.pagefind-ui__message')?.className ?? 'pagefind-ui__message';
      const block = await resultsList(shown.note, shown.results, messageClass, SEARCH[locale].loadMore);
      if (mine === gen && area.isConnected) {
        area.append(block);
        box = block;
        host.dataset.relaxed = '';
      }
    }
    // Tells scripted readers (the search evaluation) that what the modal shows for the typed query is final.
    if (mine === gen) host.dataset.settled = typed;
  };

  afterMutations(host, { childList: true, subtree: true, characterData: true }, () => void check());
}
