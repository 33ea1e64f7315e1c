/** Debian's Chromium driven by playwright-core (Playwright's own browser download cannot work here). */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = ['/usr/bin/chromium', '/usr/lib/chromium/chromium'].find((p) => existsSync(p));

export async function launch(): Promise<Browser> {
  if (!CHROMIUM) throw new Error('Chromium not found: install it with `apt-get install -y chromium` (the test command does this when run as root)');
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * Paste `text` into the open search modal's box as a reader's paste arrives: a paste event carrying the
 * clipboard, then the input's own (flattened) value. Shared by the log evals and the browser tests.
 */
export async function pasteIntoSearchBox(page: Page, text: string): Promise<void> {
  await page.evaluate((log) => {
    const box = document.querySelector<HTMLInputElement>('#starlight__search input.pagefind-ui__search-input')!;
    box.focus();
    const clipboard = new DataTransfer();
    clipboard.setData('text/plain', log);
    box.dispatchEvent(new ClipboardEvent('paste', { clipboardData: clipboard, bubbles: true, cancelable: true }));
    box.value = log;
    box.dispatchEvent(new Event('input', { bubbles: true }));
  }, text);
}
