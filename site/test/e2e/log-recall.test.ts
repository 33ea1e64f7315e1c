/**
 * Pasted-log recall through the two browser surfaces, held at the level reached (issue 21 asks for
 * recall@1 ≥ 0.9): every log of evals/log-cases.jsonl pasted into the built site's Paste your log page and
 * into the search box, in Chromium. The CLI's recall is held by lint/src/diagnose/log-recall.test.ts.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateBrowser, evaluateSearchBox } from '../../../evals/run-log-evals.ts';
import { loadLogCases, logRecall, logReport } from '../../../evals/log-cases.ts';
import { launch } from '../browser.ts';
import { preview, type Preview } from '../serve.ts';
import { builtSite } from './built.ts';

// Measured on 2026-12-04 with 71 logs: recall@1 0.915 and recall@3 0.958 on both surfaces.
// With the LOC7, U46 and U44 logs of issue 24, 74 logs: recall@1 0.919 and recall@3 0.959 on both surfaces.
const MIN_AT_1 = 0.9;
const MIN_AT_3 = 0.95;

const cases = loadLogCases();
let server: Preview;
let browser: Browser;

beforeAll(async () => {
  server = await preview(builtSite());
  browser = await launch();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('pasted-log recall in the browser', () => {
  it('has at least 60 logs to paste', () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
  });

  it(`the Paste your log page keeps recall@1 ≥ ${MIN_AT_1} and recall@3 ≥ ${MIN_AT_3}`, async () => {
    const results = await evaluateBrowser(browser, server.url, cases);
    const r = logRecall(results);
    expect({ at1: r.at1 >= MIN_AT_1, at3: r.at3 >= MIN_AT_3, report: logReport('Paste your log page', results) }).toMatchObject({ at1: true, at3: true });
  }, 600_000);

  it(`the search box, given a paste, keeps recall@1 ≥ ${MIN_AT_1} and recall@3 ≥ ${MIN_AT_3}`, async () => {
    const results = await evaluateSearchBox(browser, server.url, cases);
    const r = logRecall(results);
    expect({ at1: r.at1 >= MIN_AT_1, at3: r.at3 >= MIN_AT_3, report: logReport('search box', results) }).toMatchObject({ at1: true, at3: true });
  }, 600_000);

  it('shows a result title\'s code spans as code, not backticks, and the log as text', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${server.url}/diagnose/`);
      await page.locator('#diagnose-log').fill('[rank1]: torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB <img src=x onerror=alert(1)>');
      await page.locator('#diagnose-form button[type=submit]').click();
      const first = page.locator('#diagnose-output li[data-id] a').first();
      await first.waitFor();
      expect(await first.textContent()).not.toContain('`');
      expect(await first.locator('code').count()).toBeGreaterThan(0);
      expect(await page.locator('#diagnose-output img').count()).toBe(0);
    } finally {
      await page.close();
    }
  });
});
