/**
 * The Chinese edition (issue 32): the language picker and every link of the Chinese tree lead to pages that
 * exist, English pages stay where they were, and a Chinese page is what a reader picking 简体中文 gets.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allPages, builtSite } from './built.ts';
import { servedSite } from './served.ts';
import { pasteIntoSearchBox } from '../browser.ts';

const site = servedSite();

/** A site path names a page (its index.html) or, with an extension, a file (a download, llms.txt). */
const exists = (dist: string, path: string) => {
  const clean = decodeURI(path.split(/[?#]/)[0]);
  return /\.[a-z0-9]+$/i.test(clean) ? existsSync(join(dist, clean)) : existsSync(join(dist, clean, 'index.html'));
};

describe('the zh-cn edition, in the built files', () => {
  const dist = builtSite();
  const pages = allPages(dist);

  it('builds the Chinese home, profile, reference and gotcha pages with lang zh-CN, and leaves English URLs alone', () => {
    for (const path of ['/zh-cn/', '/zh-cn/profiles/autodl/', '/zh-cn/reference/china-network/', '/zh-cn/gotchas/ad5/']) {
      expect(pages, path).toContain(path);
      expect(readFileSync(join(dist, path, 'index.html'), 'utf8')).toMatch(/<html lang="zh-CN"/);
    }
    for (const path of ['/', '/profiles/autodl/', '/gotchas/ad5/', '/reference/china-network/']) {
      expect(readFileSync(join(dist, path, 'index.html'), 'utf8')).toMatch(/<html lang="en"/);
    }
  });

  it('words the provenance badge of a Chinese page in Chinese, over the same month as the English page', () => {
    const badge = (path: string) => readFileSync(join(dist, path, 'index.html'), 'utf8').match(/<span class="verified[^"]*"[^>]*>([^<]*)<\/span>/)?.[1].trim();
    for (const path of ['/zh-cn/gotchas/ad5/', '/zh-cn/profiles/autodl/']) {
      const zh = badge(path);
      const en = badge(path.replace('/zh-cn', ''));
      expect(en, path).toMatch(/^(?:partly )?checked \d{4}-\d{2} · |^carried over from upstream/);
      expect(zh, path).toMatch(/^(?:部分核对|已核对) \d{4}-\d{2} · |^沿用上游（/);
      expect(zh?.match(/\d{4}-\d{2}/)?.[0], path).toBe(en?.match(/\d{4}-\d{2}/)?.[0]);
    }
  });

  it('never offers a language option, hreflang alternate or (on a Chinese page) any link to a page that does not exist', () => {
    const broken: string[] = [];
    for (const path of pages) {
      const html = readFileSync(join(dist, path, 'index.html'), 'utf8');
      const picker = html.match(/<starlight-lang-select>[\s\S]*?<\/starlight-lang-select>/)?.[0] ?? '';
      for (const [, value] of picker.matchAll(/<option value="([^"]+)"/g)) if (!exists(dist, value)) broken.push(`${path}: picker → ${value}`);
      for (const [, href] of html.matchAll(/hreflang="[^"]+" href="https?:\/\/[^/]+([^"]*)"/g)) if (!exists(dist, href)) broken.push(`${path}: alternate → ${href}`);
      if (path.startsWith('/zh-cn/')) {
        // Every link on a Chinese page: the sidebar, the body's links to other pages, the home page's cards.
        for (const [, href] of html.matchAll(/<a href="(\/[^"#]*)/g)) if (!exists(dist, href)) broken.push(`${path}: link → ${href}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('sends the picker of an untranslated page to the Chinese home, and of a translated page to its translation', () => {
    const option = (path: string) => /<option value="([^"]+)"[^>]*>简体中文/.exec(readFileSync(join(dist, path, 'index.html'), 'utf8'))?.[1];
    expect(option('/profiles/runpod/')).toBe('/zh-cn/');
    expect(option('/profiles/autodl/')).toBe('/zh-cn/profiles/autodl/');
    expect(option('/gotchas/ad1/')).toBe('/zh-cn/gotchas/ad1/');
    expect(option('/compare/stopped/')).toBe('/zh-cn/compare/stopped/');
    expect(option('/diagnose/')).toBe('/zh-cn/diagnose/');
  });

  it('builds the stop-and-billing table in Chinese with the English page\'s data, cell for cell', () => {
    const read = (path: string) => readFileSync(join(dist, path, 'index.html'), 'utf8');
    const zh = read('/zh-cn/compare/stopped/');
    const en = read('/compare/stopped/');
    expect(zh).toMatch(/<html lang="zh-CN"/);
    // What a row says, without its words: the platform, each list's fate or billing key, and every path.
    const facts = (html: string) =>
      [...html.matchAll(/<tr data-platform="([^"]+)">([\s\S]*?)<\/tr>/g)].map(([, platform, row]) => ({
        platform,
        keys: [...row.matchAll(/data-(?:fate|billing|fact)="([^"]+)"/g)].map((m) => m[1]),
        code: [...row.matchAll(/<code[^>]*>([^<]*)<\/code>/g)].map((m) => m[1]),
        prices: [...row.matchAll(/<span class="price"[^>]*>([^<]*)</g)].map((m) => m[1]),
      }));
    expect(facts(en).length).toBeGreaterThan(5);
    expect(facts(zh)).toEqual(facts(en));
    const head = (html: string) => [...(html.match(/<thead>[\s\S]*?<\/thead>/)?.[0] ?? '').matchAll(/<th[^>]*>([^<]*)<\/th>/g)].map((m) => m[1]);
    expect(head(en)).toEqual(['Platform', 'After a stop', 'After destroy, terminate or release', 'While stopped: still billed, and clocks']);
    expect(head(zh)).toEqual(['平台', '关机后', '销毁、终止或释放后', '关机期间：仍在计费的项目与计时']);
    for (const label of ['保留', '清空', '关机期间仍计费']) expect(zh).toContain(`>${label}</dt>`);
    expect(zh).not.toMatch(/>(kept|wiped|still bills while stopped)<\/dt>/);
    // A translated profile is linked in Chinese; an untranslated one is the English page, marked as such.
    expect(zh).toContain('<a href="/zh-cn/profiles/autodl/#teardown-and-billing">');
    expect(zh).toContain('<a href="/profiles/runpod/#teardown-and-billing" hreflang="en">');
  });
});

describe('the zh-cn edition, in a browser', () => {
  it('switches an English page to its Chinese translation with the language picker, and back', async () => {
    const page = await site.browser.newPage();
    try {
      await page.goto(`${site.server.url}/profiles/autodl/`);
      await Promise.all([page.waitForURL('**/zh-cn/profiles/autodl/'), page.locator('starlight-lang-select select').first().selectOption({ label: '简体中文' })]);
      expect(await page.locator('h2#storage').textContent()).toContain('存储');
      await Promise.all([page.waitForURL((u) => u.pathname === '/profiles/autodl/'), page.locator('starlight-lang-select select').first().selectOption({ label: 'English' })]);
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
    } finally {
      await page.close();
    }
  });

  /** Diagnose `text` on the paste page at `path`: the summary line and each result's id, link, title and badge. */
  async function diagnosePage(path: string, text: string) {
    const page = await site.browser.newPage();
    try {
      await page.goto(`${site.server.url}${path}`);
      await page.locator('#diagnose-log').fill(text);
      await page.locator('#diagnose-form button[type=submit]').click();
      await page.locator('#diagnose-output .diagnose-summary').waitFor();
      const summary = await page.locator('#diagnose-output .diagnose-summary').textContent();
      const results = await page.locator('#diagnose-output li[data-id]').evaluateAll((items) =>
        items.map((li) => {
          const a = li.querySelector('a')!;
          return { id: (li as HTMLElement).dataset.id!, path: new URL(a.href).pathname, text: a.textContent!, badge: li.querySelector('.diagnose-via')!.textContent! };
        }),
      );
      const button = await page.locator('#diagnose-form button[type=submit]').textContent();
      return { summary, results, button };
    } finally {
      await page.close();
    }
  }

  it('answers on /zh-cn/diagnose/ in Chinese, with the Chinese gotcha and its Chinese title where there is one', async () => {
    const log = 'wandb: Network error (ReadTimeout), entering retry loop.\nwandb.errors.CommError: Run initialization has timed out after 90.0 sec.';
    const zh = await diagnosePage('/zh-cn/diagnose/', log);
    expect(zh.button).toBe('开始排错');
    expect(zh.summary).toMatch(/^在 2 行里找到 \d+ 个可能的原因/);
    const ad1 = zh.results.find((r) => r.id === 'AD1')!;
    expect(ad1.path).toBe('/zh-cn/gotchas/ad1/');
    const title = /<h1[^>]*>([^<]*)<\/h1>/.exec(readFileSync(join(builtSite(), 'zh-cn/gotchas/ad1/index.html'), 'utf8'))![1];
    expect(`${ad1.text}`).toBe(title.replace('&amp;', '&'));
    expect(['报错信息匹配', '关键词匹配']).toContain(ad1.badge);
    const untranslated = zh.results.filter((r) => !/^(AD|CN|GS|FZ|LR|MP)\d/.test(r.id));
    expect(untranslated.length).toBeGreaterThan(0);
    for (const r of untranslated) {
      expect(r.path).toBe(`/gotchas/${r.id.toLowerCase()}/`);
      expect(r.text).not.toMatch(/\p{Script=Han}/u);
    }
    const en = await diagnosePage('/diagnose/', log);
    expect(en.button).toBe('Diagnose');
    expect(en.summary).toMatch(/likely causes? from 2 lines/);
    expect(en.results.find((r) => r.id === 'AD1')?.path).toBe('/gotchas/ad1/');
    expect(en.results.map((r) => r.id)).toEqual(zh.results.map((r) => r.id));
  });

  /** Paste a log into the search box of `path` and return the diagnosis links, as a reader's paste does. */
  async function pasteLinks(path: string, text: string) {
    const page = await site.browser.newPage();
    try {
      await page.goto(`${site.server.url}${path}`);
      await page.locator('site-search button[data-open-modal]').first().click();
      await page.locator('#starlight__search input.pagefind-ui__search-input').waitFor({ state: 'visible' });
      await pasteIntoSearchBox(page, text);
      await page.locator('#starlight__search .paste-diagnosis .diagnose-summary').waitFor();
      const links = await page.locator('#starlight__search .paste-diagnosis li[data-id] > a').evaluateAll((els) => els.map((a) => [(a.parentElement as HTMLElement).dataset.id!, new URL((a as HTMLAnchorElement).href).pathname] as const));
      return new Map(links);
    } finally {
      await page.close();
    }
  }

  it('answers a log pasted on a Chinese page with the Chinese gotcha where there is one, and on an English page in English', async () => {
    const log = 'wandb: Network error (ReadTimeout), entering retry loop.\nwandb.errors.CommError: Run initialization has timed out after 90.0 sec.';
    const zh = await pasteLinks('/zh-cn/profiles/autodl/', log);
    expect(zh.get('AD1')).toBe('/zh-cn/gotchas/ad1/');
    // A match with no translation stays an English page (which exists).
    const untranslated = [...zh].filter(([id]) => !['AD1', 'AD2'].includes(id) && !/^(AD|CN|GS|FZ|LR|MP)\d/.test(id));
    expect(untranslated.length).toBeGreaterThan(0);
    for (const [id, path] of untranslated) expect(path).toBe(`/gotchas/${id.toLowerCase()}/`);
    const en = await pasteLinks('/profiles/autodl/', log);
    expect(en.get('AD1')).toBe('/gotchas/ad1/');
  });
});
