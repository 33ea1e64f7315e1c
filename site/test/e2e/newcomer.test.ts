/**
 * The site as a newcomer meets it (issue 31): every page readable at 390 px (no sideways scroll, no table
 * column hidden without a cue), the paste page reachable from the sidebar, "Find a gotcha" and the 404 page,
 * gotcha ids in any case, and an edit link plus a "Report a problem" link on every kind of content page.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allPages, builtSite } from './built.ts';
import { servedSite } from './served.ts';

const site = servedSite();

describe('every page at 390 px', () => {
  it('scrolls no page sideways and hides no table column without a cue', { timeout: 900_000 }, async () => {
    const pages = allPages(builtSite());
    expect(pages.length).toBeGreaterThan(400);
    const page = await site.browser.newPage({ viewport: { width: 390, height: 844 } });
    const bad: string[] = [];
    for (const path of pages) {
      await page.goto(`${site.server.url}${path}`, { waitUntil: 'domcontentloaded' });
      const found = await page.evaluate(() => {
        const out: string[] = [];
        const over = document.documentElement.scrollWidth - document.documentElement.clientWidth;
        if (over > 0) out.push(`page +${over}px`);
        for (const t of document.querySelectorAll<HTMLTableElement>('main table')) {
          if (t.closest('[hidden]') || t.getClientRects().length === 0) continue;
          // A table may scroll only if it says so: a scroll container marked with a visible cue.
          const hiddenColumns = t.scrollWidth > t.clientWidth + 1 || t.getBoundingClientRect().right > innerWidth + 1;
          const cue = t.closest('[data-scroll-cue]')?.querySelector('.scroll-cue');
          const cueShown = !!cue && cue.getClientRects().length > 0 && getComputedStyle(cue).visibility !== 'hidden';
          const firstColumnHeld = [...t.rows].every((r) => !r.cells[0] || getComputedStyle(r.cells[0]).position === 'sticky');
          if (hiddenColumns && !(cueShown && firstColumnHeld)) out.push(`table ${t.className || '(no class)'} ${t.scrollWidth}px in ${t.clientWidth}px`);
        }
        return out;
      });
      bad.push(...found.map((f) => `${path}: ${f}`));
    }
    await page.close();
    expect(bad).toEqual([]);
  });
});

describe('getting to the paste page', () => {
  it('is in the sidebar of every page, on "Find a gotcha" and on the not-found page', async () => {
    const page = await site.browser.newPage({ viewport: { width: 1366, height: 900 } });
    await page.goto(`${site.server.url}/gotchas/ad2/`);
    expect(await page.locator('#starlight__sidebar a[href="/diagnose/"]').count()).toBe(1);
    await page.goto(`${site.server.url}/gotchas/`);
    expect(await page.locator('main a[href="/diagnose/"]').count()).toBeGreaterThan(0);
    const res = await page.goto(`${site.server.url}/no/such/page/`);
    expect(res?.status()).toBe(404);
    expect(await page.locator('main a[href="/diagnose/"]').count()).toBe(1);
    expect(await page.locator('main a[href="/gotchas/"]').count()).toBe(1);
    await page.close();
  });
});

describe('gotcha ids in any case', () => {
  it.each(['/gotchas/RP4/', '/gotchas/Rp4', '/gotchas/rP4/'])('%s lands on the RP4 page', async (path) => {
    const page = await site.browser.newPage();
    await page.goto(`${site.server.url}${path}`);
    await page.waitForURL(`${site.server.url}/gotchas/rp4/`);
    expect(await page.locator('h1').first().textContent()).toMatch(/\S/);
    await page.close();
  });

  it('an unknown id stays on the not-found page', async () => {
    const page = await site.browser.newPage();
    const res = await page.goto(`${site.server.url}/gotchas/RP999/`);
    expect(res?.status()).toBe(404);
    await page.waitForTimeout(300);
    expect(new URL(page.url()).pathname).toBe('/gotchas/RP999/');
    await page.close();
  });
});

describe('edit and report links', () => {
  it.each([
    ['/gotchas/rp4/', /\/edit\/main\/content\/gotchas\/runpod\/[^/]+\.md$/, 'RP4'],
    ['/profiles/runpod/', /\/edit\/main\/content\/profiles\/runpod\.md$/, 'profile runpod'],
    ['/catalogs/runpod/', /\/edit\/main\/content\/catalogs\/runpod\.md$/, 'catalog runpod'],
    ['/reference/principles/', /\/edit\/main\/content\/references\/principles\.md$/, 'reference principles'],
    ['/templates/run_one-sh-template/', /\/edit\/main\/scripts\/run_one\.sh\.template$/, 'template run_one.sh.template'],
  ])('%s links to its file and to a prefilled report', async (path, edit, label) => {
    const page = await site.browser.newPage();
    await page.goto(`${site.server.url}${path}`);
    expect(await page.locator('.sl-container a[href*="/edit/main/"]').first().getAttribute('href')).toMatch(edit);
    const report = new URL((await page.locator('.report-problem a').getAttribute('href'))!);
    expect(report.pathname).toMatch(/\/issues\/new$/);
    expect(report.searchParams.get('template')).toBe('fact-correction.yml');
    expect(report.searchParams.get('title')).toContain(label);
    expect(new URL(report.searchParams.get('page')!).pathname).toBe(path);
    await page.close();
  });
});

describe('the search modal', () => {
  const visibleResults = async (width: number, height: number, query: string) => {
    const page = await site.browser.newPage({ viewport: { width, height } });
    await page.goto(`${site.server.url}/gotchas/`);
    await page.waitForFunction(() => document.querySelector<HTMLButtonElement>('site-search button[data-open-modal]')?.disabled === false);
    await page.locator('site-search button[data-open-modal]').click();
    const input = page.locator('#starlight__search input.pagefind-ui__search-input');
    await input.fill(query);
    await page.locator('#starlight__search .pagefind-ui__result').nth(4).waitFor();
    await page.waitForTimeout(300);
    const shown = await page.evaluate(() => {
      const inView = (e: Element | null) => {
        const b = e?.getBoundingClientRect();
        return !!b && b.height > 0 && b.top >= 0 && b.bottom <= innerHeight;
      };
      const titles = [...document.querySelectorAll('#starlight__search .pagefind-ui__result-inner > .pagefind-ui__result-title')];
      const filters = document.querySelector('#starlight__search .pagefind-ui__filter-panel')!.getBoundingClientRect().top;
      return { results: titles.filter(inView).length, firstResult: titles[0]!.getBoundingClientRect().top, filters };
    });
    await page.close();
    return shown;
  };

  it.each(['checkpoint', 'disk full', 'runpod stop'])('shows at least four whole results at 1366x768 for "%s"', async (query) => {
    expect((await visibleResults(1366, 768, query)).results).toBeGreaterThanOrEqual(4);
  });

  it('puts the results above the filters on a phone', async () => {
    const { firstResult, filters } = await visibleResults(390, 844, 'checkpoint');
    expect(firstResult).toBeLessThan(filters);
    expect(firstResult).toBeLessThan(200);
  });
});

describe('a template page, on the box', () => {
  it('names what the queue runner needs beside it, and its fetch-and-check line matches the served bytes', async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.server.url}/templates/run_queue-sh-template/`);
    expect(await page.locator('.template-needs a').allTextContents()).toEqual(['run_one.sh.template']);
    const line = (await page.locator('.fetch-check pre').textContent())!.replace(/\s+/g, ' ');
    const urls = [...line.matchAll(/-O (\S+)/g)].map((m) => new URL(m[1]!).pathname);
    const sums = new Map([...line.matchAll(/'([0-9a-f]{64}) +(\S+)'/g)].map((m) => [m[2]!, m[1]!]));
    expect(urls.map((u) => u.split('/').at(-1))).toEqual(['run_queue.sh.template', 'run_one.sh.template']);
    for (const path of urls) {
      const bytes = Buffer.from(await (await fetch(`${site.server.url}${path}`)).arrayBuffer());
      expect(createHash('sha256').update(bytes).digest('hex'), path).toBe(sums.get(path.split('/').at(-1)!));
    }
    expect(line).toMatch(/\| sha256sum -c -$/);
    await page.close();
  });

  it('fills every platform row of the per-platform table, saying what an empty value means', async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.server.url}/templates/run_one-sh-template/`);
    const cells = await page.locator('#per-platform ~ table tbody td').allTextContents();
    expect(cells.length).toBeGreaterThan(8);
    expect(cells.filter((c) => !c.trim())).toEqual([]);
    expect(cells.join(' ')).toContain('no durable tier');
    await page.close();
  });
});

describe('answers to a paste in the search modal', () => {
  it('are numbered cards like the result list under them, titles in the link colour', async () => {
    const page = await site.browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(`${site.server.url}/gotchas/`);
    await page.waitForFunction(() => document.querySelector<HTMLButtonElement>('site-search button[data-open-modal]')?.disabled === false);
    await page.locator('site-search button[data-open-modal]').click();
    await page.locator('#starlight__search input.pagefind-ui__search-input').focus();
    const log = 'Traceback (most recent call last):\n  File "train.py", line 10\ntorch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB\n';
    await page.evaluate((text) => {
      const input = document.querySelector<HTMLInputElement>('#starlight__search input')!;
      const data = new DataTransfer();
      data.setData('text/plain', text);
      input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
      input.value = text.replace(/\n/g, ' ');
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }, log);
    await page.locator('.paste-diagnosis .diagnose-results li a').first().waitFor();
    await page.locator('#starlight__search .pagefind-ui__result-link').first().waitFor();
    const style = await page.evaluate(() => {
      const answer = document.querySelector('.paste-diagnosis .diagnose-results li a')!;
      const result = document.querySelector('#starlight__search .pagefind-ui__result-link')!;
      const list = document.querySelector('.paste-diagnosis .diagnose-results')!;
      const probe = document.body.appendChild(Object.assign(document.createElement('span'), { style: 'color: var(--sl-color-text-accent)' }));
      const accent = getComputedStyle(probe).color;
      probe.remove();
      return { answer: getComputedStyle(answer).color, accent, card: getComputedStyle(answer.closest('li')!).backgroundColor, resultCard: getComputedStyle(result.closest('.pagefind-ui__result-title')!).backgroundColor, listStyle: getComputedStyle(list).listStyleType, text: getComputedStyle(document.querySelector('.paste-diagnosis li')!).color };
    });
    expect(style.listStyle).toBe('decimal');
    expect(style.answer).not.toBe(style.text);
    expect(style.answer).toBe(style.accent);
    expect(style.card).toBe(style.resultCard);
    await page.close();
  });
});
