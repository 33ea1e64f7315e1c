/**
 * Pasted-log evaluation through the CLI: every log of `evals/log-cases.jsonl` goes to `kb-lint diagnose -
 * --format json` (the command's own main, fed the log on stdin, against an index built once from content/
 * as the command builds it), and counts as found at k when an expected gotcha is among the first k matches.
 *
 *   node evals/run-log-evals.ts [--browser [--dist DIR]] [--json]
 *
 * With --browser the same logs are pasted into the built site's Paste your log page in Chromium (the site is
 * built into .cache/log-eval-dist unless --dist names a build).
 *
 * Prints recall@1 and recall@3 per kind and overall, and every miss at 1. Exit 0 after a run, 2 on a bad
 * cases file.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser } from 'playwright-core';
import { launch, pasteIntoSearchBox } from '../site/test/browser.ts';
import { preview, siteDist } from '../site/test/serve.ts';
import { runCommand } from '../lint/src/commands/command.ts';
import { diagnoseCommand } from '../lint/src/commands/diagnose.ts';
import { loadDiagnosisIndex } from '../lint/src/diagnose/from-corpus.ts';
import { loadLogCases, logRecall, logReport, scoreCase, type Ranked } from './log-cases.ts';

/** What every surface needs of a case: the text to paste and the ids that answer it. */
export interface Pasted {
  text: string;
  expect: readonly string[];
}

const ROOT = join(import.meta.dirname, '..');

/**
 * Run the cases through the CLI's main. By default the index is built once here and passed with `--index`;
 * with `cachedIndex` each call reads `--root` as a reader's call does (the cached index, rebuilt if stale).
 */
export async function evaluateCli<C extends Pasted>(cases: readonly C[], root = ROOT, { cachedIndex = false } = {}): Promise<(C & Ranked)[]> {
  let source = ['--root', root];
  if (!cachedIndex) {
    const dir = join(root, '.cache');
    mkdirSync(dir, { recursive: true });
    const indexFile = join(dir, 'diagnosis-index.eval.json');
    writeFileSync(indexFile, JSON.stringify(await loadDiagnosisIndex(root)));
    source = ['--index', indexFile];
  }
  const results: (C & Ranked)[] = [];
  for (const c of cases) {
    let out = '';
    const argv = ['-', '--format', 'json', '--limit', '3', ...source];
    const code = await runCommand(diagnoseCommand(async () => c.text), { argv, cwd: root, stdout: (t) => (out += t), stderr: () => {} }, argv);
    const got = code === 2 ? [] : (JSON.parse(out) as { matches: { id: string }[] }).matches.map((m) => m.id);
    results.push(scoreCase(c, got));
  }
  return results;
}

/** Run the cases through the built site's Paste your log page in Chromium, reading the links it shows. */
export async function evaluateBrowser<C extends Pasted>(browser: Browser, url: string, cases: readonly C[]): Promise<(C & Ranked)[]> {
  const page = await browser.newPage();
  await page.goto(`${url}/diagnose/`);
  const results: (C & Ranked)[] = [];
  for (const c of cases) {
    await page.evaluate(() => document.getElementById('diagnose-output')!.replaceChildren());
    await page.locator('#diagnose-log').fill(c.text);
    await page.locator('#diagnose-form button[type=submit]').click();
    await page.locator('#diagnose-output .diagnose-summary').waitFor();
    const got = await page.locator('#diagnose-output li[data-id]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.id!));
    results.push(scoreCase(c, got.slice(0, 3)));
  }
  await page.close();
  return results;
}

/** Run the cases through the search box: open Starlight's search modal and paste each log into its input. */
export async function evaluateSearchBox<C extends Pasted>(browser: Browser, url: string, cases: readonly C[]): Promise<(C & Ranked)[]> {
  const page = await browser.newPage();
  await page.goto(`${url}/`);
  await page.locator('site-search button[data-open-modal]').first().click();
  const input = page.locator('#starlight__search input.pagefind-ui__search-input');
  await input.waitFor({ state: 'visible' });
  const results: (C & Ranked)[] = [];
  for (const c of cases) {
    await page.evaluate(() => document.querySelector('#starlight__search .paste-diagnosis')?.remove());
    await pasteIntoSearchBox(page, c.text);
    // A paste the box does not read as an error (one line, no error word) gets no panel: nothing found.
    await page.locator('#starlight__search .paste-diagnosis .diagnose-summary').waitFor({ timeout: 8_000 }).catch(() => undefined);
    const got = await page.locator('#starlight__search .paste-diagnosis li[data-id]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.id!));
    results.push(scoreCase(c, got.slice(0, 3)));
  }
  await page.close();
  return results;
}

const USAGE = 'usage: node evals/run-log-evals.ts [--browser [--dist DIR]] [--json]';

/** The options, or the exit code after printing the usage (0 for --help, 2 for anything it cannot read). */
function options() {
  try {
    const { values } = parseArgs({ options: { json: { type: 'boolean', default: false }, browser: { type: 'boolean', default: false }, dist: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } } });
    if (!values.help) return values;
    console.log(USAGE);
    return 0;
  } catch (e) {
    console.error(`run-log-evals: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
}

const values = import.meta.main ? options() : undefined;
if (typeof values === 'number') process.exitCode = values;
else if (values) {
  const cases = loadLogCases();
  const cli = await evaluateCli(cases);
  const out: Record<string, unknown> = { cli: logRecall(cli) };
  if (!values.json) console.log(logReport('CLI (kb-lint diagnose)', cli));
  if (values.browser) {
    const dist = await siteDist(values.dist, 'log-eval-dist');
    const server = await preview(dist);
    const browser = await launch();
    try {
      const inPage = await evaluateBrowser(browser, server.url, cases);
      out.pastePage = logRecall(inPage);
      if (!values.json) console.log(`\n${logReport('Browser: Paste your log page (Chromium)', inPage)}`);
      const inSearch = await evaluateSearchBox(browser, server.url, cases);
      out.searchBox = logRecall(inSearch);
      if (!values.json) console.log(`\n${logReport('Browser: search box, pasted (Chromium)', inSearch)}`);
    } finally {
      await browser.close();
      await server.stop();
    }
  }
  if (values.json) console.log(JSON.stringify(out));
}
