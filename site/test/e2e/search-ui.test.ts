/**
 * The search modal as a reader sees and drives it (issue 23): results without noise (no result repeating its
 * own title as a sub-result, excerpts from the page's sentences rather than its "also seen as" list, no page
 * listed twice or two pages that look alike), and the keyboard (`/` and Ctrl+K open it, but `/` typed in a
 * field stays text; the arrow keys move through the results; Enter opens one; Escape closes).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { searchInModal } from '../../../evals/run-search-evals.ts';
import { builtSite } from './built.ts';
import { servedSite } from './served.ts';

const OUT = builtSite();
// The site and its browser are shared setup; the page is this file's own.
const site = servedSite();
let page: Page;

beforeAll(async () => {
  page = await site.browser.newPage({ viewport: { width: 1366, height: 900 } });
});

interface Shown {
  href: string;
  title: string;
  /** The excerpt under the page's title, when Pagefind gives one. */
  excerpt: string;
  subs: { href: string; title: string; excerpt: string }[];
}

/** What the modal lists for `query`: each visible result with its sections. */
async function shown(query: string): Promise<Shown[]> {
  await searchInModal(page, query);
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('#starlight__search .pagefind-ui__result')]
      .filter((li) => li.checkVisibility())
      .map((li) => {
        const top = li.querySelector<HTMLAnchorElement>('.pagefind-ui__result-inner > .pagefind-ui__result-title a')!;
        return {
          href: top.getAttribute('href')!,
          title: top.textContent!.trim(),
          excerpt: li.querySelector(':scope .pagefind-ui__result-inner > .pagefind-ui__result-excerpt')?.textContent?.trim() ?? '',
          subs: [...li.querySelectorAll('.pagefind-ui__result-nested')].map((n) => ({
            href: n.querySelector('a')!.getAttribute('href')!,
            title: n.querySelector('a')!.textContent!.trim(),
            excerpt: n.querySelector('.pagefind-ui__result-excerpt')?.textContent?.trim() ?? '',
          })),
        };
      }),
  );
}

async function openOn(path: string) {
  await page.goto(`${site.server.url}${path}`);
  // Starlight enables the open button and Pagefind UI builds its form once the page is idle.
  await page.waitForFunction(() => document.querySelector<HTMLButtonElement>('site-search button[data-open-modal]')?.disabled === false);
  await page.locator('#starlight__search input.pagefind-ui__search-input').waitFor({ state: 'attached' });
}

const dialogOpen = () => page.evaluate(() => document.querySelector<HTMLDialogElement>('site-search dialog')!.open);
const focused = () => page.evaluate(() => ({ cls: document.activeElement?.className ?? '', text: document.activeElement?.textContent?.trim() ?? '', href: document.activeElement?.getAttribute('href') ?? null }));

describe('search results without noise', () => {
  beforeAll(() => openOn('/gotchas/u6/'));

  it('no result repeats its own title as a sub-result', async () => {
    // "field guide" finds the home page, whose title block is Starlight's hero rather than its page title.
    for (const query of ['runpod', 'nccl timeout', 'checkpoint lost', 'field guide']) {
      const results = await shown(query);
      expect(results.length, query).toBeGreaterThan(2);
      for (const r of results) {
        for (const sub of r.subs) {
          expect(sub.title, `${query}: ${r.title}`).not.toBe(r.title);
          expect(sub.href, `${query}: ${r.title}`).not.toMatch(/#_top$/);
        }
        // Nor does an excerpt open with the title it sits under.
        for (const text of [r.excerpt, ...r.subs.map((s) => s.excerpt)]) expect(text.startsWith(r.title), `${query}: ${text}`).toBe(false);
      }
    }
  });

  it('a gotcha\'s excerpts come from its text, not from its "also seen as" list, which stays searchable', async () => {
    for (const query of ['runpodctl send', 'nccl timeout', 'cuda out of memory']) {
      for (const r of await shown(query)) {
        for (const text of [r.excerpt, ...r.subs.map((s) => s.excerpt)]) {
          expect(text, `${query}: ${r.title}`).not.toContain('Also seen as');
          expect(text.split(' · ').length, `${query}: ${r.title}: ${text}`).toBeLessThan(3);
        }
      }
    }
    // "paramiko" is written only in U46's list: no page's text has it, the list is left out of the index.
    const u46 = readFileSync(join(OUT, 'gotchas/u46/index.html'), 'utf8');
    const keywords = /<p class="gotcha-keywords"[^>]*>.*?<\/p>/s.exec(u46)?.[0] ?? '';
    expect(keywords.toLowerCase()).toContain('paramiko');
    expect(keywords).toContain('data-pagefind-ignore');
    expect(u46.replace(keywords, '').replace(/data-pagefind-meta="[^"]*"/g, '').toLowerCase()).not.toContain('paramiko');
    const found = await shown('paramiko');
    expect(found[0]?.href).toMatch(/\/gotchas\/u46\/$/);
    // Nor is the list shown as a tag under the result.
    expect(await page.locator('#starlight__search .pagefind-ui__result-tag:visible', { hasText: 'paramiko' }).count()).toBe(0);
  });

  it('lists each page once, and a platform\'s profile and catalog under titles that tell them apart', async () => {
    for (const query of ['runpod', 'vast.ai', 'paperspace storage']) {
      const results = await shown(query);
      const hrefs = results.map((r) => r.href);
      expect(new Set(hrefs).size, `${query}: ${hrefs.join(' ')}`).toBe(hrefs.length);
      const titles = results.map((r) => r.title);
      expect(new Set(titles).size, `${query}: ${titles.join(' | ')}`).toBe(titles.length);
    }
    // A platform's name finds its profile first.
    const runpod = await shown('runpod');
    expect(runpod[0]).toMatchObject({ href: expect.stringMatching(/\/profiles\/runpod\/$/), title: 'RunPod — platform profile' });
    const both = await shown('runpod storage tiers');
    expect(both.find((r) => r.href.endsWith('/catalogs/runpod/'))?.title).toBe('RunPod — gotcha catalog');
  });
});

describe('search from the keyboard', () => {
  it('/ opens the modal with the focus in an empty query box, and the button says so', async () => {
    await openOn('/gotchas/u6/');
    expect(await page.locator('site-search button[data-open-modal]').getAttribute('aria-keyshortcuts')).toMatch(/(Control|Meta)\+K \/$/);
    await page.keyboard.press('/');
    expect(await dialogOpen()).toBe(true);
    const input = page.locator('#starlight__search input.pagefind-ui__search-input');
    await expect.poll(() => input.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await input.inputValue()).toBe('');
    await page.keyboard.press('Escape');
    expect(await dialogOpen()).toBe(false);
    // Starlight's own shortcut still works.
    await page.keyboard.press('Control+k');
    expect(await dialogOpen()).toBe(true);
  });

  it('/ typed in a field is text, not a shortcut', async () => {
    await openOn('/diagnose/');
    const box = page.locator('textarea').first();
    await box.click();
    await page.keyboard.type('cat /var/log/syslog');
    expect(await box.inputValue()).toBe('cat /var/log/syslog');
    expect(await dialogOpen()).toBe(false);
    // The query box of the modal itself keeps its slashes too.
    await box.blur();
    await page.keyboard.press('/');
    await page.keyboard.type('usr/bin');
    expect(await page.locator('#starlight__search input.pagefind-ui__search-input').inputValue()).toBe('usr/bin');
  });

  it('Down and Up move through the results, Enter opens the focused one', async () => {
    await openOn('/gotchas/u6/');
    await page.keyboard.press('/');
    await searchInModal(page, 'nccl timeout');
    const links = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLAnchorElement>('#starlight__search a.pagefind-ui__result-link')].filter((a) => a.checkVisibility()).map((a) => a.getAttribute('href')),
    );
    expect(links.length).toBeGreaterThan(3);
    await page.locator('#starlight__search input.pagefind-ui__search-input').focus();
    await page.keyboard.press('ArrowDown');
    expect((await focused()).href).toBe(links[0]);
    await page.keyboard.press('ArrowDown');
    expect((await focused()).href).toBe(links[1]);
    await page.keyboard.press('ArrowDown');
    expect((await focused()).href).toBe(links[2]);
    await page.keyboard.press('ArrowUp');
    expect((await focused()).href).toBe(links[1]);
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    expect((await focused()).cls).toContain('pagefind-ui__search-input');
    // The focused result is marked on screen (Starlight's focus-within highlight of the result row).
    await page.keyboard.press('ArrowDown');
    const ring = await page.evaluate(() => {
      const row = document.activeElement!.closest('.pagefind-ui__result-title, .pagefind-ui__result-nested')!;
      const style = getComputedStyle(row);
      return { outline: style.outlineStyle, background: style.backgroundColor, idle: getComputedStyle(document.querySelector('#starlight__search .pagefind-ui__result-nested:not(:focus-within)')!).backgroundColor };
    });
    expect(ring.outline).not.toBe('none');
    expect(ring.background).not.toBe(ring.idle);
    // Screen readers hear the count once the results are final.
    expect(await page.locator('.search-status[role="status"]').textContent()).toMatch(/^\d+ results for nccl timeout\. Press the down arrow key/);
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === new URL(links[0]!, site.server.url).pathname);
  });
});
