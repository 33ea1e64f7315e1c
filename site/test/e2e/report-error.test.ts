/**
 * "Report this error" in the built site, in Chromium: on the Paste your log page when nothing matched, and in
 * the search box as "None of these?" under matches. The reader sees the masked lines before anything else,
 * the form link carries exactly what the box shows (edits included), and opening the panel sends nothing.
 * Also: one short error line pasted into the search box gets a diagnosis.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { servedSite } from './served.ts';

const site = servedSite();
const REPO = 'https://github.com/example/guide';
// A clean log longer than a short paste (the engine reads a short one with no error word as a query), ending in
// a line with an address, an e-mail and a home folder: nothing matches it.
const UNMATCHED = `${Array.from({ length: 24 }, (_, i) => `blorp step ${i}`).join('\n')}\nglarp zorp on 10.0.0.7 for alice@example.org in /home/alice/run\n`;
const MASKED_LAST = 'glarp zorp on <private-ip> for <email> in /home/<user>/run';

/** Paste as a reader does: a paste event carrying the clipboard's text. */
async function paste(page: Page, selector: string, text: string) {
  await page.evaluate(
    ([sel, t]) => {
      const box = document.querySelector<HTMLInputElement | HTMLTextAreaElement>(sel)!;
      box.focus();
      const clipboard = new DataTransfer();
      clipboard.setData('text/plain', t);
      const handled = !box.dispatchEvent(new ClipboardEvent('paste', { clipboardData: clipboard, bubbles: true, cancelable: true }));
      if (!handled) {
        box.value = t;
        box.dispatchEvent(new Event('input', { bubbles: true }));
      }
    },
    [selector, text] as const,
  );
}

/** Requests the page makes to anywhere but the local site. */
function outside(page: Page, base: string): string[] {
  const seen: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(base)) seen.push(r.url());
  });
  return seen;
}

describe('Report this error', () => {
  it('on the paste page: offered when nothing matched, masked, and nothing is sent', async () => {
    const page = await site.browser.newPage();
    const sent = outside(page, site.server.url);
    await page.goto(`${site.server.url}/diagnose/`);
    // As a build that names no repository renders the form (the e2e build names an example one).
    await page.evaluate(() => delete (document.getElementById('diagnose-form') as HTMLFormElement).dataset.repository);
    await paste(page, '#diagnose-log', UNMATCHED);
    await page.locator('#diagnose-output .diagnose-summary').waitFor();
    expect(await page.locator('#diagnose-output li[data-id]').count()).toBe(0);
    await page.locator('#diagnose-output .report-error-open').click();
    const text = await page.locator('#diagnose-output .report-error-text').inputValue();
    // The end of the log, where a run dies, with the gap marked.
    expect(text.split('\n')).toEqual(['[…]', ...Array.from({ length: 6 }, (_, i) => `blorp step ${18 + i}`), MASKED_LAST]);
    expect(await page.locator('#diagnose-output .report-error-masked').textContent()).toBe('Masked: 1 e-mail address, 1 IP address, 1 home folder name.');
    expect(await page.locator('#diagnose-output .report-error-rest').textContent()).toContain(`title will be “[gotcha] ${MASKED_LAST}”`);
    // With no repository the reader is told where the lines would go instead of a dead link.
    expect(await page.locator('#diagnose-output .report-error-link').count()).toBe(0);
    expect(await page.locator('#diagnose-output .report-error-norepo').isVisible()).toBe(true);
    expect(sent).toEqual([]);
    await page.close();
  });

  it('links the new-gotcha form with exactly the box, edits included', async () => {
    const page = await site.browser.newPage();
    const sent = outside(page, site.server.url);
    await page.goto(`${site.server.url}/diagnose/`);
    // What a build with REPOSITORY_URL renders on the form (site/lib/repository.ts).
    await page.evaluate((repo) => ((document.getElementById('diagnose-form') as HTMLFormElement).dataset.repository = repo), REPO);
    await paste(page, '#diagnose-log', UNMATCHED);
    await page.locator('#diagnose-output .report-error-open').click();
    const link = page.locator('#diagnose-output a.report-error-link');
    const form = async () => new URL((await link.getAttribute('href'))!);
    let url = await form();
    expect(`${url.origin}${url.pathname}`).toBe(`${REPO}/issues/new`);
    expect(url.searchParams.get('template')).toBe('new-gotcha.yml');
    expect(url.searchParams.get('symptom')).toContain(`blorp step 23\n${MASKED_LAST}\n\`\`\``);
    expect(url.href).not.toMatch(/alice|10\.0\.0\.7/);
    await page.locator('#diagnose-output .report-error-text').fill('blorp started\nmy own words');
    url = await form();
    expect(url.searchParams.get('symptom')).toContain('```text\nblorp started\nmy own words\n```');
    // The title shown follows the box too, and is the one the link carries.
    const shown = /“(\[gotcha\][^”]*)”/.exec((await page.locator('#diagnose-output .report-error-rest').textContent())!)![1];
    expect(url.searchParams.get('title')).toBe(shown);
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(sent).toEqual([]);
    await page.close();
  });

  it('in the search box: "None of these?" under matches, and one pasted error line is diagnosed', async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.server.url}/`);
    await page.locator('site-search button[data-open-modal]').first().click();
    const input = '#starlight__search input.pagefind-ui__search-input';
    await page.locator(input).waitFor({ state: 'visible' });
    await paste(page, input, 'torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB');
    const block = page.locator('#starlight__search .paste-diagnosis');
    await block.locator('.diagnose-summary').waitFor();
    expect(await block.locator('li[data-id]').first().getAttribute('data-id')).toBe('M2');
    await block.locator('.report-error-open').click();
    expect(await block.locator('.report-error-open').textContent()).toBe('None of these? Report this error');
    expect(await block.locator('.report-error-text').inputValue()).toBe('torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB');
    // Typed words stay a plain search: no diagnosis block for a short query.
    await page.locator(input).fill('runpod volume');
    await page.waitForFunction(() => !document.querySelector('#starlight__search .paste-diagnosis'));
    await page.close();
  });
});
