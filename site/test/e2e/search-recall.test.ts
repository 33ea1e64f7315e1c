/**
 * Search quality, held in place: the retrieval evaluation of evals/ (every case typed into the real search
 * modal of the built site) must keep recall@3 at or above the level measured when it was written, and the
 * queries with a word no page contains must reach their gotcha through the forgiving fallback, with a note
 * that names the word. The Chinese edition's cases (evals/search-cases.zh-cn.jsonl) hold their own floor.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluate, gotchaIds, loadCases, localePagePaths, pagePaths, recall, report, type CaseResult } from '../../../evals/run-search-evals.ts';
import { launch } from '../browser.ts';
import { preview, ROOT, type Preview } from '../serve.ts';
import { fileURLToPath } from 'node:url';
import { builtSite } from './built.ts';

// Measured on 2026-11-29 with 71 cases: recall@3 70/71 (98.6 %), recall@1 67/71 (94.4 %). Rounded down.
const MIN_RECALL_AT_3 = 0.98;
// Measured on 2026-12-04 with 77 cases, once excerpts and ranking no longer came from the keyword lists and
// titles in the page text (issue 23): recall@1 74/77 (96.1 %), recall@3 77/77. Rounded down.
// With the 17 cases of issue 24's pages (the fresh-box checks, verify and deliver, cases that expect a reference
// page by its path), measured on 2026-12-04 over 94 cases: recall@1 91/94 (96.8 %), recall@3 94/94.
// With 9 cases holding a word the wanted page lacks (kind stray-word), measured on 2026-12-04 over 103 cases:
// recall@1 97/103 and recall@3 101/103 before pages lacking one word could be ranked in, 99/103 (96.1 %) and
// 103/103 after.
const MIN_RECALL_AT_1 = 0.95;

// The Chinese edition's cases (evals/search-cases.zh-cn.jsonl), searched from the Chinese home page as a reader
// there searches the Chinese index. Measured on 2026-12-08 over 37 cases (17 platform terms and symptoms of the
// first pass, 20 symptoms as readers type them): before word segmentation in the forgiving search and with the
// Chinese home page in the index, recall@1 27/37 (73.0 %) and recall@3 31/37 (83.8 %); after, 30/37 (81.1 %)
// and 33/37 (89.2 %). Rounded down.
const MIN_ZH_RECALL_AT_1 = 0.81;
const MIN_ZH_RECALL_AT_3 = 0.89;

const OUT = builtSite();
let server: Preview;
let browser: Browser;
let results: CaseResult[];
let zhResults: CaseResult[];

beforeAll(async () => {
  server = await preview(OUT);
  browser = await launch();
  results = await evaluate(browser, server.url, loadCases());
  const zhCases = loadCases(fileURLToPath(new URL('../../../evals/search-cases.zh-cn.jsonl', import.meta.url)), gotchaIds(), new Set([...pagePaths(), ...localePagePaths('zh-cn')]));
  zhResults = await evaluate(browser, server.url, zhCases, gotchaIds(), '/zh-cn/');
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('site search retrieval', () => {
  it('the forgiving search is installed in the modal', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${server.url}/gotchas/u6/`);
      const installed = await page.locator('#starlight__search[data-forgiving]').count();
      expect(installed, "Search override not wired: starlight({ components: { Search: './site/components/Search.astro' } }) in astro.config.mjs").toBe(1);
    } finally {
      await page.close();
    }
  });

  it(`Chinese queries on the Chinese pages: recall@1 stays at or above ${MIN_ZH_RECALL_AT_1}, recall@3 at or above ${MIN_ZH_RECALL_AT_3}`, () => {
    const r = recall(zhResults);
    expect(r.cases).toBeGreaterThanOrEqual(37);
    expect(r.at1, report(zhResults)).toBeGreaterThanOrEqual(MIN_ZH_RECALL_AT_1);
    expect(r.at3, report(zhResults)).toBeGreaterThanOrEqual(MIN_ZH_RECALL_AT_3);
  });

  it(`recall@3 stays at or above ${MIN_RECALL_AT_3}`, () => {
    const r = recall(results);
    expect(r.at3, report(results)).toBeGreaterThanOrEqual(MIN_RECALL_AT_3);
  });

  it(`recall@1 stays at or above ${MIN_RECALL_AT_1}`, () => {
    expect(recall(results).at1, report(results)).toBeGreaterThanOrEqual(MIN_RECALL_AT_1);
  });

  it('the forgiving fallback names as absent only words that no page holds', () => {
    // Every page is built from content/: a word written there is on some page.
    const corpus = readdirSync(join(ROOT, 'content'), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.md'))
      .map((f) => readFileSync(join(ROOT, 'content', f), 'utf8').toLowerCase())
      .join('\n');
    const named = results.flatMap((r) => {
      const absent = /^No page contains (.*?)(?: — |, and no page has )/.exec(r.note ?? '')?.[1] ?? '';
      return [...absent.matchAll(/“([^”]+)”/g)].map((m) => ({ query: r.query, word: m[1] }));
    });
    expect(named.length).toBeGreaterThanOrEqual(5);
    // Words of letters only: Pagefind splits punctuation its own way ("$'\r':" is on a page, but not a word).
    for (const { query, word } of named.filter((n) => /^\p{L}+$/u.test(n.word))) {
      expect(new RegExp(`(?<![\\p{L}\\p{N}])${word.toLowerCase()}(?![\\p{L}\\p{N}])`, 'u').test(corpus), `${query}: “${word}” is on a page`).toBe(false);
    }
  });

  it('a query with a word no page contains still reaches its gotcha, and says which word was left out', () => {
    const absent = results.filter((r) => r.kind === 'absent-word');
    expect(absent.length).toBeGreaterThanOrEqual(5);
    for (const r of absent) {
      expect(r.rank, `${r.query}: got ${r.got.join(', ')}`).not.toBeNull();
      expect(r.rank!, r.query).toBeLessThanOrEqual(3);
      const dropped = r.query.split(' ').at(-1)!;
      expect(r.note, r.query).toContain(`No page contains “${dropped}”`);
    }
  });

  it('a query with one word the wanted page lacks, though other pages have it, still puts that page near the top', () => {
    const stray = results.filter((r) => r.kind === 'stray-word');
    expect(stray.length).toBeGreaterThanOrEqual(5);
    for (const r of stray) {
      expect(r.rank, `${r.query}: got ${r.got.join(', ')}`).not.toBeNull();
      expect(r.rank!, `${r.query}: got ${r.got.slice(0, 3).join(', ')}`).toBeLessThanOrEqual(3);
    }
  });

  it('when pages lacking a word are ranked in, the first result really lacks the word the note names', () => {
    const files = readdirSync(join(ROOT, 'content/gotchas'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.md'));
    const textOf = new Map(files.map((f) => {
      const text = readFileSync(join(ROOT, 'content/gotchas', f), 'utf8');
      return [/^id:\s*(\S+)/m.exec(text)?.[1] ?? f, text.toLowerCase()] as const;
    }));
    const widened = results.filter((r) => r.note?.startsWith('The first result does not contain'));
    expect(widened.length).toBeGreaterThanOrEqual(2);
    for (const r of widened) {
      const word = /“([^”]+)”/.exec(r.note!)![1].toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const text = textOf.get(r.got[0]);
      expect(text, `${r.query}: first result ${r.got[0]} is not a gotcha`).toBeDefined();
      expect(new RegExp(`(?<![\\p{L}\\p{N}])${word}(?![\\p{L}\\p{N}])`, 'u').test(text!), `${r.query}: “${word}” is on ${r.got[0]}`).toBe(false);
    }
  });

  it('searching a gotcha id puts that gotcha first', () => {
    const ids = results.filter((r) => r.kind === 'id');
    expect(ids.length).toBeGreaterThanOrEqual(5);
    for (const r of ids) expect(r.got[0], `${r.query}: got ${r.got.slice(0, 3).join(', ')}`).toBe(r.expect[0]);
  });
});
