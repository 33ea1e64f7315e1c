/**
 * A deploy under a base path (a GitHub project site, `/<repo>/`) with its own origin: every internal link,
 * asset, search and download works under the base, and every absolute URL names the deployed site.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch } from './browser.ts';
import { buildSite, preview, ROOT, type Preview } from './serve.ts';

const work = mkdtempSync(join(tmpdir(), 'kb-base-'));
const out = join(work, 'dist');
const ORIGIN = 'https://guide.example.org';
const BASE = '/field-guide/';

let site: Preview;
let browser: Browser;
let build: Awaited<ReturnType<typeof buildSite>>;

beforeAll(async () => {
  const env = { SITE_URL: ORIGIN, BASE_PATH: BASE };
  // The real content: pages link to real entries by hand (`/gotchas/u33/`), which a fixture tree lacks. Its
  // own content cache, since rendered bodies carry the base path.
  build = await buildSite({ outDir: out, env: { ...env, KB_CACHE_DIR: join(work, 'cache') } });
  site = await preview(out, env);
  browser = await launch();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await site?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe(`a build with SITE_URL=${ORIGIN} BASE_PATH=${BASE}`, () => {
  it('succeeds without warnings about the site URL', () => {
    expect(build.code, build.output.slice(-2000)).toBe(0);
  });

  it('writes absolute URLs of the deployed site into llms.txt and the JSON outputs', () => {
    const llms = readFileSync(join(out, 'llms.txt'), 'utf8');
    // Link targets only: a page's own text may quote an address (U49's title names huggingface.co).
    const urls = [...llms.matchAll(/\]\((https?:\/\/[^\s)]+)\)/g)].map((m) => m[1]!).filter((u) => !u.startsWith('https://example.com'));
    expect(urls.length).toBeGreaterThan(3);
    for (const u of urls) expect(u.startsWith(`${ORIGIN}${BASE}`), u).toBe(true);
    const gotchas = readFileSync(join(out, 'gotchas.json'), 'utf8');
    expect(gotchas).not.toContain('localhost');
  });

  it('serves every page, asset and internal link under the base path (no 404)', async () => {
    const page = await browser.newPage();
    const failed: string[] = [];
    page.on('response', (r) => {
      if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
    });
    const seen = new Set<string>();
    const queue = [`${site.url}${BASE}`];
    while (queue.length && seen.size < 60) {
      const url = queue.shift()!;
      if (seen.has(url)) continue;
      seen.add(url);
      const res = await page.goto(url, { waitUntil: 'load' });
      expect(res?.status(), url).toBeLessThan(400);
      const hrefs = await page.$$eval('a[href]', (as) => as.map((a) => (a as HTMLAnchorElement).href));
      for (const h of hrefs) {
        const u = new URL(h);
        if (u.origin !== site.url) continue;
        expect(u.pathname.startsWith(BASE), `${h} on ${url}`).toBe(true);
        const clean = `${u.origin}${u.pathname}`;
        if (!seen.has(clean) && !/\.(sh|template|txt|json|xml)$/.test(u.pathname)) queue.push(clean);
      }
    }
    expect(seen.size).toBeGreaterThan(10);
    expect(failed).toEqual([]);
    await page.close();
  });

  it('finds a gotcha with search and links to it under the base', async () => {
    const page = await browser.newPage();
    await page.goto(`${site.url}${BASE}`);
    await page.locator('button[data-open-modal]').first().click();
    await page.keyboard.type('CUDA out of memory');
    const first = page.locator('.pagefind-ui__result-link').first();
    await first.waitFor({ timeout: 15_000 });
    expect(await first.getAttribute('href')).toMatch(new RegExp(`^${BASE}`));
    await page.close();
  });

  it('serves downloads under the base', async () => {
    const res = await fetch(`${site.url}${BASE}downloads/run_one.sh.template`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(readFileSync(join(ROOT, 'scripts/run_one.sh.template'), 'utf8'));
  });
});
