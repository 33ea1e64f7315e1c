/**
 * The real site in Debian's Chromium: build the real corpus once, serve it on loopback, and use it as a reader
 * would — open pages, search for a symptom, filter the gotcha list, pick a platform in the checklist, download
 * a script.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../serve.ts';
import { builtSite } from './built.ts';
import { servedSite } from './served.ts';
import { corpusFiles } from '../../../lint/src/files.ts';
import { loadForStamps } from '../../../lint/src/stale/load.ts';
import { collectCarried, collectStamps, countProvenance } from '../../../lint/src/stale/collect.ts';
import { forecast } from '../../../lint/src/stale/report.ts';

const OUT = builtSite();
// The site and its browser are shared setup; the page is this file's own.
const site = servedSite();
let page: Page;

beforeAll(async () => {
  page = await site.browser.newPage();
});

const gotchaFiles = () => readdirSync(join(ROOT, 'content/gotchas'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.md') && !f.split('/').at(-1)!.startsWith('_'));

describe('the built site', () => {
  it('has one page per gotcha and per profile', () => {
    const ids = gotchaFiles().map((f) => /^id:\s*(\S+)/m.exec(readFileSync(join(ROOT, 'content/gotchas', f), 'utf8'))![1].toLowerCase());
    for (const id of ids) expect(existsSync(join(OUT, 'gotchas', id, 'index.html')), id).toBe(true);
    for (const p of readdirSync(join(ROOT, 'content/profiles')).filter((f) => f.endsWith('.md'))) {
      expect(existsSync(join(OUT, 'profiles', p.slice(0, -3), 'index.html')), p).toBe(true);
    }
  });

  it('colours a yes/no fact only when one answer is the safe one', () => {
    const html = readFileSync(join(OUT, 'profiles/runpod/index.html'), 'utf8');
    const cell = (label: string) => new RegExp(`>${label}</th><td>(.*?)</td>`).exec(html)?.[1] ?? '';
    expect(cell('Needs China mirrors')).toMatch(/^<span class="plain">(yes|no)<\/span>$/);
    expect(cell('Spot / interruptible')).toMatch(/^<span class="plain">/);
    expect(cell('Free egress')).toMatch(/^<span class="(yes|no)">/);
  });

  it('the lint rules page shows code spans of rule descriptions as code, not backticks', () => {
    const html = readFileSync(join(OUT, 'lint/index.html'), 'utf8');
    const table = /<tbody>(.*?)<\/tbody>/s.exec(html)?.[1] ?? '';
    expect(table).toContain('<code>');
    expect(table).not.toContain('`');
  });

  it('home page says what the guide is; Find your symptom opens the paste-your-log page', async () => {
    await page.goto(`${site.server.url}/`);
    await expect(page.title()).resolves.toContain('Remote GPU Field Guide');
    expect(await page.getByText('What to know before the meter runs').first().isVisible()).toBe(true);
    await page.getByRole('link', { name: 'Find your symptom' }).click();
    await page.waitForURL('**/diagnose/');
    expect(await page.locator('textarea#diagnose-log').isVisible()).toBe(true);
    await page.goto(`${site.server.url}/gotchas/`);
    expect(await page.locator('tr[data-gotcha]').count()).toBe(gotchaFiles().length);
  });

  it('a gotcha page shows Symptom, Root cause and Fix as blocks and its sources as links', async () => {
    await page.goto(`${site.server.url}/gotchas/u6/`);
    for (const section of ['symptom', 'root-cause', 'fix']) {
      const block = page.locator(`section[data-section="${section}"]`);
      expect(await block.isVisible(), section).toBe(true);
      expect((await block.innerText()).length).toBeGreaterThan(40);
    }
    const sources = page.locator('section.sources a');
    expect(await sources.count()).toBeGreaterThan(0);
    for (const href of await sources.evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href))) expect(href).toMatch(/^https:\/\//);
    // The badge reads the page's provenance: "checked <month>" only when the file is stamped `verified`,
    // otherwise a carried-over badge that never says verified.
    const checked = /^verified:/m.test(readFileSync(join(ROOT, gotchaFiles().map((f) => join('content/gotchas', f)).find((f) => /\/u6-/.test(f))!), 'utf8'));
    const badge = await page.locator('.gotcha-facts .verified').first().innerText();
    expect(badge).toMatch(checked ? /^checked \d{4}-\d{2} · / : /^carried over from upstream \(\d{4}-\d{2}\)$/);
    expect(badge).not.toContain('verified');
  });

  it('the gotcha list filters carried-over entries apart from checked ones', async () => {
    await page.goto(`${site.server.url}/gotchas/?age=carried-over`);
    const carried = gotchaFiles().filter((f) => /^carried_over:/m.test(readFileSync(join(ROOT, 'content/gotchas', f), 'utf8'))).length;
    expect(carried).toBeGreaterThan(0);
    expect(await page.locator('tr[data-gotcha]:visible').count()).toBe(carried);
    expect(await page.locator('tr[data-gotcha]:visible td:last-child').allInnerTexts()).toEqual(Array(carried).fill('carried over'));
  });

  it('search: typing a symptom word reaches that gotcha', async () => {
    await page.goto(`${site.server.url}/`);
    await page.locator('site-search button[data-open-modal]').first().click();
    const input = page.locator('#starlight__search input');
    await input.fill('basic_ios');
    const result = page.locator('#starlight__search .pagefind-ui__result-link').first();
    await result.waitFor({ timeout: 15_000 });
    await result.click();
    await page.waitForURL('**/gotchas/u6/**');
    expect(page.url()).toContain('/gotchas/u6/');
  });

  it('the gotcha list filters by platform and keeps the filter in the URL', async () => {
    await page.goto(`${site.server.url}/gotchas/`);
    const rows = page.locator('tr[data-gotcha]:visible');
    const all = await rows.count();
    await page.locator('#gotcha-filter select[name="platform"]').selectOption('runpod');
    const filtered = await rows.count();
    expect(filtered).toBeLessThan(all);
    expect(filtered).toBeGreaterThan(0);
    expect(page.url()).toContain('platform=runpod');
    await page.goto(`${site.server.url}/gotchas/?platform=runpod&q=zero`);
    expect(await rows.count()).toBeLessThan(filtered);
    expect(await page.locator('tr[data-gotcha="RP1"]').isVisible()).toBe(true);
  });

  it('the platform checklist shows each platform its own values and remembers ticks', async () => {
    await page.goto(`${site.server.url}/compare/checklist/`);
    const select = page.locator('#checklist-platform');
    await select.selectOption('runpod');
    const runpod = await page.locator('.platform-checklist:visible').innerText();
    await select.selectOption('autodl');
    const autodl = await page.locator('.platform-checklist:visible').innerText();
    expect(runpod).not.toEqual(autodl);
    expect(runpod).toContain('terminate');
    await page.locator('.platform-checklist:visible input[type="checkbox"]').first().check();
    await page.reload();
    expect(await page.locator('#checklist-platform').inputValue()).toBe('autodl');
    expect(await page.locator('.platform-checklist:visible input[type="checkbox"]').first().isChecked()).toBe(true);
  });

  it('a template page offers the exact bytes of the script with its SHA-256', async () => {
    await page.goto(`${site.server.url}/templates/run_one-sh-template/`);
    const link = page.locator('a[download="run_one.sh.template"]').first();
    const href = await link.getAttribute('href');
    const served = Buffer.from(await (await fetch(`${site.server.url}${href}`)).arrayBuffer());
    const file = readFileSync(join(ROOT, 'scripts/run_one.sh.template'));
    expect(served.equals(file)).toBe(true);
    const { createHash } = await import('node:crypto');
    expect(await page.locator('[data-sha256]').innerText()).toBe(createHash('sha256').update(file).digest('hex'));
  });

  it('the staleness dashboard counts the same stamps and pages as `npm run stale`', async () => {
    await page.goto(`${site.server.url}/staleness/`);
    const month = await page.locator('#staleness-month').innerText();
    expect(month).toMatch(/^\d{4}-\d{2}$/);
    const files = loadForStamps(ROOT, (await corpusFiles(ROOT)).filter((p) => p.startsWith('content/')));
    const stamps = collectStamps(files, month);
    const counts = countProvenance(files);
    // A dashboard built without the content folder still renders, with zeros: counting is the only proof it read it.
    expect(counts.checked + counts.carriedOver).toBeGreaterThan(300);
    const cell = (state: string) => page.locator(`#staleness-provenance tr[data-state="${state}"] td`).innerText();
    expect(Number(await cell('checked'))).toBe(counts.checked);
    expect(Number((await cell('carried-over')).split(' ')[0])).toBe(counts.carriedOver);
    expect(await cell('carried-over')).toContain(`${collectCarried(files).filter((c) => c.risk === 'money-data').length} about money or data`);
    const band = (age: number) => (age <= 3 ? 'fresh' : age <= 6 ? 'ageing' : 'stale');
    for (const b of ['fresh', 'ageing', 'stale']) {
      expect(Number(await page.locator(`[data-band-total="${b}"]`).innerText()), b).toBe(stamps.filter((s) => band(s.age) === b).length);
    }
    const due = forecast(stamps, 6);
    expect(Number(await page.locator('[data-due="now"]').innerText())).toBe(due.dueNow);
    expect(Number(await page.locator('[data-due="next-month"]').innerText())).toBe(due.dueNextMonth);
    expect(await page.locator('#staleness-domains tbody tr').count()).toBeGreaterThan(5);
    expect(await page.locator('#staleness-oldest tbody tr').count()).toBe(Math.min(40, stamps.length));
    // Every section is in the page's table of contents.
    expect(await page.locator('starlight-toc a').allInnerTexts()).toEqual(expect.arrayContaining(['Checked or carried over', 'By age', 'Coming due', 'By source domain', 'Oldest checks first']));
    // Titles' code spans show as code, not as backticks.
    for (const fact of await page.locator('#staleness-oldest td:nth-child(2)').allInnerTexts()) expect(fact).not.toContain('`');
  });
});
