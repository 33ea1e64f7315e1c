/**
 * The search modal from the keyboard. `/` opens it, as on other documentation sites (Starlight already binds
 * Ctrl/Cmd+K), except while the reader is typing in a field, where `/` is a character. Inside the modal, Down
 * and Up move focus from the query to the results and through them (Enter then follows the focused link, and
 * Escape closes the modal, both native), and a polite status line tells screen-reader users how many pages
 * were found once the results are final.
 */

import { afterMutations } from './search-observe.ts';

/** Result links in reading order: the pasted-text diagnosis first, then each page and its sections. */
const RESULT_LINKS = '.paste-diagnosis a[href], a.pagefind-ui__result-link';

/** Whether `/` typed at `target` is text going into a field rather than a command. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  if (target instanceof HTMLElement && target.isContentEditable) return true;
  return target.closest('input, textarea, select') !== null;
}

/**
 * The element focus moves to when `key` is pressed while `current` has focus, or null to leave the key alone.
 * `links` are the visible result links in order; from the last one Down stays put, and Up from the first one
 * returns to the query.
 */
export function nextStop(key: string, current: Element | null, input: HTMLElement, links: HTMLElement[]): HTMLElement | null {
  if (key !== 'ArrowDown' && key !== 'ArrowUp') return null;
  if (current === input) return key === 'ArrowDown' ? (links[0] ?? null) : null;
  const at = links.indexOf(current as HTMLElement);
  if (at < 0) return null;
  if (key === 'ArrowDown') return links[at + 1] ?? links[at];
  return at === 0 ? input : links[at - 1];
}

/** The sentence for screen readers once a query's results are final, or null while they are not. */
function resultsSentence(host: HTMLElement): string | null {
  const input = host.querySelector<HTMLInputElement>('input.pagefind-ui__search-input');
  const term = input?.value.trim() ?? '';
  if (!term || host.dataset.settled !== term) return null;
  // Relaxed results carry their own status note (search-relax.ts), which is announced as it appears.
  if ('relaxed' in host.dataset) return null;
  const message = host.querySelector('.pagefind-ui__results-area > .pagefind-ui__message');
  const list = host.querySelector('.pagefind-ui__results-area > ol.pagefind-ui__results');
  if (!message?.textContent || !list) return null;
  return list.childElementCount ? `${message.textContent.trim()}. Press the down arrow key to move through them.` : message.textContent.trim();
}

export function installSearchKeys(): void {
  const root = document.querySelector<HTMLElement>('site-search');
  const open = root?.querySelector<HTMLButtonElement>('button[data-open-modal]');
  const dialog = root?.querySelector('dialog');
  const host = root?.querySelector<HTMLElement>('#starlight__search');
  if (!root || !open || !dialog) return;

  // Starlight names Ctrl+K (Meta+K on Apple devices, set by its inline script before this runs).
  const shortcuts = open.getAttribute('aria-keyshortcuts');
  open.setAttribute('aria-keyshortcuts', shortcuts ? `${shortcuts} /` : '/');

  window.addEventListener('keydown', (e) => {
    if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || e.isComposing || e.defaultPrevented) return;
    if (dialog.open || open.disabled || isTypingTarget(e.target)) return;
    // Otherwise the slash would land in the query box that the click focuses.
    e.preventDefault();
    open.click();
  });

  if (!host) return;
  dialog.addEventListener('keydown', (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
    const input = host.querySelector<HTMLInputElement>('input.pagefind-ui__search-input');
    if (!input) return;
    const links = [...host.querySelectorAll<HTMLAnchorElement>(RESULT_LINKS)].filter((a) => a.checkVisibility());
    const target = nextStop(e.key, document.activeElement, input, links);
    if (!target) return;
    e.preventDefault();
    target.focus();
  });

  const status = document.createElement('p');
  status.className = 'sr-only search-status';
  status.setAttribute('role', 'status');
  host.before(status);
  let said = '';
  const watched = { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['data-settled', 'data-relaxed'] };
  afterMutations(host, watched, () => {
    const sentence = resultsSentence(host);
    // Each final answer is said once; an emptied query box empties the line, so a query typed again is
    // announced again.
    if (sentence !== null && sentence !== said) said = status.textContent = sentence;
    else if (sentence === null && !host.querySelector<HTMLInputElement>('input.pagefind-ui__search-input')?.value.trim()) said = status.textContent = '';
  });
}
