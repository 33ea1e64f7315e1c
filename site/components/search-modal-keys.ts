/**
 * Browser glue of Search.astro, here beside it because it only listens to the markup Starlight's search
 * renders: keys. `/` opens the modal, as on other documentation sites (Starlight already binds Ctrl/Cmd+K),
 * except while the reader is typing in a field, where `/` is a character. Inside the modal, Down and Up move
 * focus from the query to the results and through them (site/lib/search-keys.ts decides where); Enter then
 * follows the focused link and Escape closes the modal, both native.
 */
import { nextStop } from '../lib/search-keys.ts';

/** Result links in reading order: the pasted-text diagnosis first, then each page and its sections. */
const RESULT_LINKS = '.paste-diagnosis a[href], a.pagefind-ui__result-link';

/** Whether `/` typed at `target` is text going into a field rather than a command. */
function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  if (target instanceof HTMLElement && target.isContentEditable) return true;
  return target.closest('input, textarea, select') !== null;
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
    const target = nextStop<HTMLElement>(e.key, document.activeElement, input, links);
    if (!target) return;
    e.preventDefault();
    target.focus();
  });
}
