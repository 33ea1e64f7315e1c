/**
 * Fits the screen and answers in one place (issue 23): comparison tables are cards on a phone and whole tables
 * on a desktop, the gotcha browser and the overrides table show every column at laptop widths, the
 * stop-and-billing page says for every profile what a stop keeps and what it still bills, and the checklist's
 * platform select and "start over" work on a phone.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ProfileSchema, type Profile } from '../../../lint/src/schema/index.ts';
import { provenanceOf } from '../../../lint/src/schema/provenance.ts';
import { statedPrice } from '../../lib/compare.ts';
import { ROOT } from '../serve.ts';
import { servedSite } from './served.ts';

const site = servedSite();

const PROFILES_DIR = join(ROOT, 'content/profiles');
const profiles: Record<string, Profile> = Object.fromEntries(
  readdirSync(PROFILES_DIR)
    .filter((f) => f.endsWith('.md') && !f.startsWith('_'))
    .map((f) => [f.replace(/\.md$/, ''), ProfileSchema().parse(parse(readFileSync(join(PROFILES_DIR, f), 'utf8').split(/^---$/m)[1]))]),
);

/** Every page with a comparison table that turns into cards on a phone. */
const TABLE_PAGES = ['/compare/stopped/', '/zh-cn/compare/stopped/', '/compare/survival/', '/compare/teardown/', '/compare/danger-clocks/', '/compare/spot/', '/compare/driver/', '/compare/overrides/', '/profiles/runpod/'];

async function open(width: number, path: string): Promise<Page> {
  const page = await site.browser.newPage({ viewport: { width, height: 900 } });
  const res = await page.goto(`${site.server.url}${path}`);
  expect(res?.status(), path).toBe(200);
  return page;
}

const pageOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe('the stop-and-billing page', () => {
  /** The page's two path cells of one platform as `{ fate: [paths] }`, read from the definition lists. */
  const fates = (page: Page, platform: string, fact: 'stop' | 'destroy') =>
    page.evaluate(([platform, fact]) => {
      const out: Record<string, string[]> = {};
      let fate = '';
      for (const el of document.querySelectorAll(`tr[data-platform="${platform}"] td[data-fact="${fact}"] dl > *`)) {
        if (el.tagName === 'DT') fate = (el as HTMLElement).dataset.fate!;
        else (out[fate] ??= []).push(el.querySelector('code')!.textContent!);
      }
      return out;
    }, [platform, fact] as const);

  const expected = (p: Profile, fact: 'survivesStop' | 'survivesDestroy') => {
    const out: Record<string, string[]> = {};
    for (const t of p.storage) (out[t[fact] === null ? 'n/a' : t[fact] ? 'kept' : 'wiped'] ??= []).push(t.path);
    return out;
  };

  it('has one row per profile', async () => {
    const page = await open(1366, '/compare/stopped/');
    const rows = await page.locator('#stopped tbody tr').evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.platform));
    expect(rows.sort()).toEqual(Object.keys(profiles).sort());
    await page.close();
  });

  it.each(['autodl', 'runpod', 'lambda'])('shows %s’s paths under a stop and a destroy, what a stop still bills, and its provenance in every cell', async (id) => {
    const p = profiles[id];
    const page = await open(1366, '/compare/stopped/');
    const row = page.locator(`tr[data-platform="${id}"]`);
    if (p.storage.every((t) => t.survivesStop === null)) expect(await row.locator('td[data-fact="stop"]').innerText()).toContain('No stop state');
    else expect(await fates(page, id, 'stop')).toEqual(expected(p, 'survivesStop'));
    expect(await fates(page, id, 'destroy')).toEqual(expected(p, 'survivesDestroy'));
    if (!p.storage.every((t) => t.survivesStop === null)) {
      const billing: Record<string, string[]> = {};
      // A tier whose profile gives no answer but states its storage price is shown as priced, not as not recorded.
      for (const t of p.storage) (billing[t.billsWhileStopped === undefined ? (statedPrice(t.cap, t.note) ? 'priced' : 'not recorded') : t.billsWhileStopped === null ? 'n/a' : t.billsWhileStopped ? 'bills' : 'free'] ??= []).push(t.path);
      const shown = await row.locator('td[data-fact="bills"] dl.tier-billing > *').evaluateAll((els) => {
        const out: Record<string, string[]> = {};
        let key = '';
        for (const el of els) {
          if (el.tagName === 'DT') key = (el as HTMLElement).dataset.billing!;
          else (out[key] ??= []).push(el.querySelector('code')!.textContent!);
        }
        return out;
      });
      expect(shown).toEqual(billing);
    }
    const bills = await row.locator('td[data-fact="bills"]').innerText();
    expect(bills).toContain(p.meter.stopStillBills);
    // Clocks that a stop starts (AutoDL's 15-day release) sit next to what the stop still bills.
    for (const c of p.dangerClocks.filter((c) => /关机|stopped/.test(c.trigger))) expect(bills).toContain(c.what);
    const state = provenanceOf(p).state;
    for (const fact of ['stop', 'destroy', 'bills']) {
      expect(await row.locator(`td[data-fact="${fact}"] > .cell-prov`).getAttribute('data-provenance'), fact).toBe(state);
    }
    if (state === 'carried-over') expect(await row.innerText()).not.toMatch(/checked|verified/i);
    await page.close();
  });

  it.each(['/', '/compare/'])('is linked from %s', async (path) => {
    const page = await open(1366, path);
    expect(await page.locator('.sl-markdown-content a[href="/compare/stopped/"]').count()).toBeGreaterThan(0);
    await page.close();
  });

  it('has its own entry in the sidebar, marked on the page itself', async () => {
    const page = await open(1366, '/compare/survival/');
    expect(await page.locator('#starlight__sidebar a[href="/compare/stopped/"]').count()).toBe(1);
    await page.goto(`${site.server.url}/compare/stopped/`);
    expect(await page.locator('#starlight__sidebar a[aria-current="page"]').getAttribute('href')).toBe('/compare/stopped/');
    await page.close();
  });
});

describe('comparison tables at 390 px', () => {
  it.each(TABLE_PAGES)('%s shows each row as a card with labelled values, and nothing scrolls sideways', async (path) => {
    const page = await open(390, path);
    expect(await pageOverflow(page)).toBe(0);
    const tables = await page.locator('table.stacks').evaluateAll((ts) =>
      ts.map((t) => {
        const rows = [...t.querySelectorAll(':scope > tbody > tr')];
        const labelled = [...t.querySelectorAll(':scope > tbody > tr > td[data-label]')].filter((td) => td.textContent!.trim() !== '');
        return {
          id: t.id || t.className,
          rowsAsCards: rows.every((r) => getComputedStyle(r).display === 'block'),
          headHidden: t.querySelector('thead')!.getBoundingClientRect().width <= 1,
          labels: labelled.every((td) => getComputedStyle(td, '::before').content === JSON.stringify((td as HTMLElement).dataset.label)),
          unlabelled: [...t.querySelectorAll(':scope > tbody > tr > td:not([data-label])')].length,
          fits: t.scrollWidth <= t.clientWidth && t.getBoundingClientRect().right <= innerWidth,
        };
      }),
    );
    expect(tables.length, path).toBeGreaterThan(0);
    for (const t of tables) expect(t, `${path} ${t.id}`).toEqual({ id: t.id, rowsAsCards: true, headHidden: true, labels: true, unlabelled: 0, fits: true });
    await page.close();
  });
});

describe.each([1280, 1366])('at %i px', (width) => {
  it.each(TABLE_PAGES)('%s stays a table with every column in view', async (path) => {
    const page = await open(width, path);
    const tables = await page.locator('.sl-markdown-content table').evaluateAll((ts) =>
      ts.map((t) => ({
        id: t.id || t.className,
        rows: [...t.querySelectorAll(':scope > tbody > tr')].every((r) => getComputedStyle(r).display === 'table-row'),
        inView: Math.max(...[...t.querySelectorAll('th, td')].map((c) => c.getBoundingClientRect().right)) <= innerWidth,
        noInnerScroll: t.scrollWidth <= t.clientWidth,
      })),
    );
    expect(tables.length, path).toBeGreaterThan(0);
    for (const t of tables) expect(t, `${path} ${t.id}`).toEqual({ id: t.id, rows: true, inView: true, noInnerScroll: true });
    await page.close();
  });

  it('the gotcha browser shows every column, Cost and Checked included, without scrolling the table', async () => {
    const page = await open(width, '/gotchas/');
    const heads = await page.locator('.gotcha-table thead th').allInnerTexts();
    expect(heads).toEqual(expect.arrayContaining(['Cost', 'Checked']));
    const out = await page.locator('.gotcha-table').evaluate((t) => ({
      scrolls: t.scrollWidth > t.clientWidth,
      outside: [...t.querySelectorAll('th, td')].filter((c) => c.getBoundingClientRect().right > innerWidth).length,
    }));
    expect(out).toEqual({ scrolls: false, outside: 0 });
    await page.close();
  });
});

describe('the checklist on a phone', () => {
  it('keeps its platform select inside the screen, and "start over" clears only the platform on screen', async () => {
    const page = await open(390, '/compare/checklist/');
    expect(await pageOverflow(page)).toBe(0);
    const select = page.locator('#checklist-platform');
    const box = (await select.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    const visibleBoxes = page.locator('.platform-checklist:not([hidden]) input[data-item]');
    await select.selectOption('runpod');
    await visibleBoxes.nth(0).check();
    await visibleBoxes.nth(1).check();
    await select.selectOption('autodl');
    await visibleBoxes.nth(0).check();
    await page.reload();
    expect(await page.locator('#checklist-platform').inputValue()).toBe('autodl');
    expect(await visibleBoxes.nth(0).isChecked()).toBe(true);
    await page.locator('#checklist-platform').selectOption('runpod');
    expect(await visibleBoxes.evaluateAll((bs) => bs.filter((b) => (b as HTMLInputElement).checked).length)).toBe(2);
    await page.getByRole('button', { name: /start over/i }).click();
    expect(await visibleBoxes.evaluateAll((bs) => bs.filter((b) => (b as HTMLInputElement).checked).length)).toBe(0);
    await page.reload();
    expect(await visibleBoxes.evaluateAll((bs) => bs.filter((b) => (b as HTMLInputElement).checked).length)).toBe(0);
    // The other rental's ticks are its own.
    await page.locator('#checklist-platform').selectOption('autodl');
    expect(await visibleBoxes.nth(0).isChecked()).toBe(true);
    await page.close();
  });
});
