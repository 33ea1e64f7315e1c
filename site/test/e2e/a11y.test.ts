/**
 * Accessibility of the built site in Chromium: axe-core on the pages readers land on (home, a gotcha, a
 * profile, the gotcha browser, a comparison table, and the search modal with results open) must report no
 * serious or critical violation; and the gotcha browser must work from the keyboard alone.
 */
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { servedSite } from './served.ts';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const site = servedSite();

interface Violation { id: string; impact: string; help: string; nodes: { target: string[]; failureSummary?: string }[] }

/** Serious and critical axe findings on the page as it is now, one readable line per element. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    // @ts-expect-error axe is the global the injected script defines.
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations as Violation[];
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.impact} ${v.id} (${v.help}) at ${n.target.join(' ')}`));
}

async function withPage<T>(fn: (page: Page) => Promise<T>, viewport = { width: 1280, height: 900 }): Promise<T> {
  // axe is injected as an inline script, which the site's Content-Security-Policy would block.
  const page = await site.browser.newPage({ viewport, bypassCSP: true });
  try {
    return await fn(page);
  } finally {
    await page.close();
  }
}

describe('axe-core finds no serious or critical violation', () => {
  for (const path of ['/', '/gotchas/u6/', '/profiles/runpod/', '/gotchas/', '/compare/survival/', '/compare/stopped/', '/compare/overrides/', '/compare/driver/', '/compare/checklist/', '/reference/verify/', '/reference/deliver/', '/templates/make_manifest-sh/', '/zh-cn/', '/zh-cn/profiles/autodl/', '/zh-cn/gotchas/ad4/', '/zh-cn/reference/china-network/', '/zh-cn/compare/stopped/', '/zh-cn/diagnose/']) {
    it(path, () =>
      withPage(async (page) => {
        await page.goto(site.server.url + path);
        expect(await seriousViolations(page)).toEqual([]);
      }));
  }

  for (const path of ['/compare/stopped/', '/zh-cn/compare/stopped/']) {
    it(`the stop-and-billing page as cards on a phone-sized screen (${path})`, () =>
      withPage(
        async (page) => {
          await page.goto(`${site.server.url}${path}`);
          expect(await seriousViolations(page)).toEqual([]);
        },
        { width: 390, height: 844 },
      ));
  }

  it('the Chinese paste page showing a diagnosis and its report panel', () =>
    withPage(async (page) => {
      await page.goto(`${site.server.url}/zh-cn/diagnose/`);
      await page.locator('#diagnose-log').fill('wandb.errors.CommError: Run initialization has timed out after 90.0 sec.');
      await page.locator('#diagnose-form button[type=submit]').click();
      await page.locator('#diagnose-output .diagnose-results li').first().waitFor();
      await page.locator('#diagnose-output .report-error-open').click();
      expect(await seriousViolations(page)).toEqual([]);
    }));

  it('the gotcha browser with a filter applied on a phone-sized screen', () =>
    withPage(
      async (page) => {
        await page.goto(`${site.server.url}/gotchas/?platform=runpod&cost=money`);
        expect(await page.locator('tr[data-gotcha]:visible').count()).toBeGreaterThan(0);
        expect(await seriousViolations(page)).toEqual([]);
      },
      { width: 390, height: 844 },
    ));

  it('the search modal showing results, and showing relaxed results', () =>
    withPage(async (page) => {
      await page.goto(`${site.server.url}/gotchas/u6/`);
      await page.locator('site-search button[data-open-modal]').first().click();
      const input = page.locator('#starlight__search input.pagefind-ui__search-input');
      for (const query of ['disk full', 'torch.save basic_ios frobnicate']) {
        await input.fill(query);
        await page
          .locator('#starlight__search .pagefind-ui__result-link:visible')
          .first()
          .waitFor({ timeout: 15_000 })
          .catch(() => {
            throw new Error(`no result shown for "${query}" (the second query needs the forgiving search of site/components/Search.astro)`);
          });
        expect(await seriousViolations(page), query).toEqual([]);
      }
    }));
});

describe('the gotcha browser from the keyboard alone', () => {
  /** Press Tab until the element matching `selector` has focus; fail after `limit` presses. */
  async function tabTo(page: Page, selector: string, limit = 80) {
    for (let i = 0; i < limit; i++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    }
    throw new Error(`${selector} never received focus after ${limit} Tab presses`);
  }

  it('Tab to the platform select, change it with the arrow keys: the list narrows and the URL follows', () =>
    withPage(async (page) => {
      await page.goto(`${site.server.url}/gotchas/`);
      const rows = page.locator('tr[data-gotcha]:visible');
      const all = await rows.count();
      await tabTo(page, '#gotcha-filter select[name="platform"]');
      await page.keyboard.press('ArrowDown');
      const platform = await page.locator('#gotcha-filter select[name="platform"]').inputValue();
      expect(platform).not.toBe('');
      const narrowed = await rows.count();
      expect(narrowed).toBeGreaterThan(0);
      expect(narrowed).toBeLessThan(all);
      expect(page.url()).toContain(`platform=${platform}`);
      expect(await page.locator('#gotcha-count').innerText()).toBe(`${narrowed} of ${all} gotchas.`);

      // Keep going by keyboard: narrow further by text, then clear everything with the Clear button.
      await tabTo(page, '#gotcha-filter select[name="catalog"]');
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Shift+Tab');
      expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe('q');
      await page.keyboard.type('ssh');
      const text = await rows.count();
      expect(text).toBeGreaterThan(0);
      expect(text).toBeLessThan(narrowed);
      await tabTo(page, '#gotcha-filter button[type="reset"]');
      await page.keyboard.press('Enter');
      await expect.poll(() => rows.count()).toBe(all);
      expect(page.url()).not.toContain('platform=');
    }));
});
