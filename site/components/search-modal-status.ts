/**
 * Browser glue of Search.astro, here beside it because it only watches the markup Starlight's search modal
 * renders: a polite status line that tells screen-reader users how many pages were found once the results
 * are final (`data-settled`, set by search-modal-results.ts). site/lib/search-keys.ts words it.
 */
import { resultsSentence } from '../lib/search-keys.ts';
import { SEARCH, uiLocale } from '../lib/ui-strings.ts';
import { afterMutations } from './after-mutations.ts';

export function installSearchStatus(): void {
  const host = document.querySelector<HTMLElement>('site-search #starlight__search');
  if (!host) return;
  const status = document.createElement('p');
  status.className = 'sr-only search-status';
  status.setAttribute('role', 'status');
  host.before(status);
  const term = () => host.querySelector<HTMLInputElement>('input.pagefind-ui__search-input')?.value.trim() ?? '';
  let said = '';
  const watched = { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['data-settled', 'data-relaxed'] };
  afterMutations(host, watched, () => {
    const list = host.querySelector('.pagefind-ui__results-area > ol.pagefind-ui__results');
    const sentence = resultsSentence({
      term: term(),
      settled: host.dataset.settled,
      relaxed: 'relaxed' in host.dataset,
      message: host.querySelector('.pagefind-ui__results-area > .pagefind-ui__message')?.textContent ?? undefined,
      count: list ? list.childElementCount : undefined,
    }, SEARCH[uiLocale(document.documentElement.lang)]);
    // Each final answer is said once; an emptied query box empties the line, so a query typed again is
    // announced again.
    if (sentence !== null && sentence !== said) said = status.textContent = sentence;
    else if (sentence === null && !term()) said = status.textContent = '';
  });
}
