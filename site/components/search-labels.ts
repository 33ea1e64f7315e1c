/**
 * Browser glue of Search.astro, here beside it because it only touches the markup Starlight's search renders:
 * give the search controls names that match what is on screen. The open button is named by an `aria-label`
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
