/**
 * Where am I, and does it fit (issue 23): on a gotcha page the sidebar marks its catalog, a breadcrumb leads
 * back to it and previous/next stay within it; no page type scrolls sideways at phone, laptop and desktop
 * widths.
 */
import { describe, expect, it } from 'vitest';
import { servedSite } from './served.ts';

const site = servedSite();

describe('a gotcha page', () => {
  it('marks its catalog in the sidebar, with a breadcrumb and previous/next in that catalog', async () => {
    const page = await site.browser.newPage({ viewport: { width: 1366, height: 900 } });
    await page.goto(`${site.server.url}/gotchas/ad2/`);
    const current = page.locator('#starlight__sidebar a[aria-current="page"]');
    expect(await current.count()).toBe(1);
    expect(await current.getAttribute('href')).toBe('/catalogs/autodl/');
    expect(await current.isVisible()).toBe(true);
    const crumbs = page.locator('nav.breadcrumb a');
    expect(await crumbs.allTextContents()).toEqual(['Gotchas', 'AutoDL', 'AD2']);
    expect(await page.locator('.pagination-links a[rel="prev"]').getAttribute('href')).toBe('/gotchas/ad1/');
    expect(await page.locator('.pagination-links a[rel="next"]').getAttribute('href')).toBe('/gotchas/ad3/');
    // Each section heading carries an anchor link to itself.
    for (const id of ['symptom', 'root-cause', 'fix']) expect(await page.locator(`.gotcha-section a.sl-anchor-link[href="#${id}"]`).count(), id).toBe(1);
    await page.close();
  });
});

describe('section pages', () => {
  it.each([
    ['/templates/run_one-sh-template/', '/templates/'],
    ['/lint/no-raw-html/', '/lint/'],
    ['/compare/survival/', '/compare/'],
  ])('%s marks its section %s in the sidebar', async (path, section) => {
    const page = await site.browser.newPage({ viewport: { width: 1366, height: 900 } });
    await page.goto(`${site.server.url}${path}`);
    const current = page.locator('#starlight__sidebar a[aria-current="page"]');
    expect(await current.getAttribute('href')).toBe(section);
    expect(await current.isVisible()).toBe(true);
    await page.close();
  });

  it('pages without headings reserve no "On this page" column', async () => {
    const page = await site.browser.newPage({ viewport: { width: 1366, height: 900 } });
    for (const path of ['/gotchas/', '/compare/', '/compare/survival/', '/templates/', '/lint/', '/training/', '/diagnose/']) {
      await page.goto(`${site.server.url}${path}`);
      expect(await page.locator('starlight-toc').count(), path).toBe(0);
    }
    await page.goto(`${site.server.url}/gotchas/ad2/`);
    expect(await page.locator('starlight-toc').count()).toBeGreaterThan(0);
    await page.close();
  });
});

const PAGE_TYPES = ['/', '/gotchas/', '/gotchas/ad2/', '/catalogs/autodl/', '/profiles/runpod/', '/compare/', '/compare/survival/', '/compare/stopped/', '/compare/overrides/', '/compare/checklist/', '/training/', '/templates/', '/templates/run_one-sh-template/', '/templates/health_patrol-sh-template/', '/templates/make_manifest-sh/', '/reference/verify/', '/reference/deliver/', '/compare/driver/', '/lint/', '/lint/no-raw-html/', '/reference/principles/', '/staleness/'];

describe.each([390, 1366, 1920])('at %i px wide', (width) => {
  it('no page type scrolls sideways', async () => {
    const page = await site.browser.newPage({ viewport: { width, height: 900 } });
    const wide: string[] = [];
    for (const path of PAGE_TYPES) {
      const res = await page.goto(`${site.server.url}${path}`);
      expect(res?.status(), path).toBe(200);
      const over = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      if (over > 0) wide.push(`${path} +${over}px`);
    }
    expect(wide).toEqual([]);
    await page.close();
  });
});

describe('the checklist', () => {
  it('starts over for a new rental: the ticks of the platform on screen go, the others stay', async () => {
    const page = await site.browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${site.server.url}/compare/checklist/`);
    const select = page.locator('#checklist-platform');
    const [first, second] = await select.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    await select.selectOption(second);
    await page.locator(`.platform-checklist[data-platform="${second}"] input`).first().check();
    await select.selectOption(first);
    await page.locator(`.platform-checklist[data-platform="${first}"] input`).first().check();
    await page.getByRole('button', { name: /start over/i }).click();
    await page.reload();
    expect(await page.locator(`.platform-checklist[data-platform="${first}"] input:checked`).count()).toBe(0);
    await select.selectOption(second);
    expect(await page.locator(`.platform-checklist[data-platform="${second}"] input:checked`).count()).toBe(1);
    await page.close();
  });
});
