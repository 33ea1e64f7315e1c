/**
 * Browser glue of Search.astro, here beside it because it only watches the search modal's query box: the box
 * understands a paste. A single-line input cannot hold a log: the browser flattens its lines,
 * and Pagefind then wants every word of it on one page, so a real error finds nothing. When the reader pastes
 * several lines (or types something long), the shared diagnosis engine runs on the text as pasted, in the
 * page, and its matches (declared messages first, each with the line that matched) are shown above the
 * text results, which stay below as they were. A single pasted error line gets the diagnosis too (typed
 * words stay a plain search), and under it "Report this error" when no page, or no shown page, explains it.
 */
import { looksLikeErrorPaste, looksLikePaste } from '../lib/paste.ts';
import { pageStrings, renderResults } from './diagnose-results.ts';
import { diagnoseInPage } from './diagnose-worker-client.ts';

const BLOCK = 'paste-diagnosis';

function place(host: HTMLElement): HTMLElement {
  let block = host.querySelector<HTMLElement>(`.${BLOCK}`);
  if (block) return block;
  block = document.createElement('section');
  block.className = BLOCK;
  block.setAttribute('aria-label', pageStrings().pasteRegion);
  const drawer = host.querySelector('.pagefind-ui__drawer');
  if (drawer) drawer.prepend(block);
  else host.querySelector('.pagefind-ui__form')?.after(block);
  return block;
}

/** The repository to report to, rendered by Search.astro when the build names one. */
const repository = () => document.querySelector<HTMLElement>('[data-kb-repository]')?.dataset.kbRepository || undefined;

export function installPasteDiagnosis(base: string) {
  let pasted: string | undefined;
  let run = 0;
  const isSearchInput = (t: EventTarget | null): t is HTMLInputElement => t instanceof HTMLInputElement && !!t.closest('#starlight__search');
  const show = async (input: HTMLInputElement, text: string) => {
    const host = input.closest<HTMLElement>('#starlight__search')!;
    const mine = ++run;
    const result = await diagnoseInPage(base, text, 5);
    if (mine !== run) return; // a newer paste or edit won
    const block = place(host);
    const heading = document.createElement('h3');
    heading.textContent = pageStrings().pasteHeading;
    renderResults(block, result, { text, repository: repository() });
    block.prepend(heading);
  };
  const clear = (input: HTMLInputElement) => {
    run++;
    input.closest('#starlight__search')?.querySelector(`.${BLOCK}`)?.remove();
  };
  // Capture the clipboard's own text before the input flattens its lines.
  document.addEventListener(
    'paste',
    (e) => {
      if (!isSearchInput(e.target)) return;
      const text = e.clipboardData?.getData('text/plain') ?? '';
      pasted = looksLikeErrorPaste(text) ? text : undefined;
    },
    true,
  );
  document.addEventListener(
    'input',
    (e) => {
      if (!isSearchInput(e.target)) return;
      const input = e.target;
      const fromPaste = pasted !== undefined;
      const text = pasted ?? input.value;
      pasted = undefined;
      if (fromPaste || looksLikePaste(text)) void show(input, text).catch(() => clear(input));
      else clear(input);
    },
    true,
  );
}
