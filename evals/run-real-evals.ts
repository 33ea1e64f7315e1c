/**
 * The real-report evaluation (`npm run eval:real`): every case of evals/real/cases through the three places a
 * reader meets the engine: `kb-lint diagnose` (its own main, reading the log from stdin, answering from the
 * cached index as a reader's call does), the built site's /diagnose/ page, and the search box (a real paste
 * event in Chromium). Reports train and test apart, by topic, with every miss.
 *
 *   node evals/run-real-evals.ts [--split train|test|all] [--surface cli|page|search]... [--cases DIR]...
 *                                [--dist DIR] [--json] [--tooling]
 *
 * `--tooling` also types each case's decisive line into the search modal and lists the cases where a page
 * of the guide's tooling (lint rules, /diagnose/, /staleness/, downloads) ranks above every gotcha.
 *
 * Tune on `--split train` only: with it, test cases are read for their split and never scored or printed.
 * `--cases` points at other case folders (a collector's worktree) instead of evals/real/cases; expected ids
 * this checkout has no page for are reported and count as misses. Exit 0 after a run, 2 on bad input.
 */
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { launch } from '../site/test/browser.ts';
import { preview, siteDist } from '../site/test/serve.ts';
import type { Browser } from 'playwright-core';
import { answerIds, CaseFileError, searchInModal } from './run-search-evals.ts';
import { readLog } from '../lint/src/diagnose/lines.ts';
import { isBoilerplate } from '../lint/src/diagnose/boilerplate.ts';
import { evaluateBrowser, evaluateCli, evaluateSearchBox } from './run-log-evals.ts';
import { loadRealCases, REAL, type RealCase, type Split } from './real-cases.ts';
import { realFigures, realReport, type RealResult } from './real-eval.ts';

const ROOT = join(import.meta.dirname, '..');
const SURFACES = { cli: 'CLI (kb-lint diagnose)', page: '/diagnose/ page (Chromium)', search: 'search box, pasted (Chromium)' } as const;
type Surface = keyof typeof SURFACES;
/** Pages about the guide's own tooling: for a reader's error text they must never rank above a gotcha. */
const TOOLING = /^\/(?:lint|diagnose|staleness|downloads)\//;

/** The line a reader would type or paste alone: the paste's last strongest line that is not boilerplate. */
export function decisiveLine(text: string): string {
  const lines = readLog(text).lines.filter((l) => l.weight > 0 && !isBoilerplate(l.text));
  const best = [...lines].sort((a, b) => b.weight - a.weight || b.number - a.number)[0];
  return (best?.text ?? '').slice(0, 120);
}

/**
 * Each case's decisive line typed into the search modal (Pagefind's own results, not the paste panel): the
 * cases where a tooling page ranks above every gotcha.
 */
async function toolingAbove(browser: Browser, url: string, cases: readonly RealCase[]): Promise<{ file: string; split: Split; query: string; got: string[] }[]> {
  const page = await browser.newPage();
  await page.goto(`${url}/gotchas/u6/`);
  const out = [];
  for (const c of cases) {
    const query = decisiveLine(c.text);
    if (!query) continue;
    const { hrefs } = await searchInModal(page, query).catch(() => ({ hrefs: [] as string[] }));
    const paths = hrefs.map((h) => new URL(h).pathname);
    const firstGotcha = paths.findIndex((p) => p.startsWith('/gotchas/'));
    const tooling = paths.findIndex((p) => TOOLING.test(p));
    if (tooling !== -1 && (firstGotcha === -1 || tooling < firstGotcha)) out.push({ file: c.file, split: c.split, query, got: paths.slice(0, 3) });
  }
  await page.close();
  return out;
}

/**
 * The cases of the given folders, whatever ids they expect (a collector may label a page another branch
 * adds); `unknown` lists the ids this checkout has no page for.
 */
export function loadCases(dirs: readonly string[]): { cases: RealCase[]; unknown: Map<string, string[]> } {
  const known = answerIds();
  const anyId = { has: () => true } as unknown as Set<string>;
  const cases: RealCase[] = [];
  const unknown = new Map<string, string[]>();
  for (const dir of dirs) {
    for (const c of loadRealCases(dir, anyId)) {
      const file = dir === join(REAL, 'cases') ? c.file : join(relative(ROOT, dir), relative(join(REAL, 'cases'), join(REAL, c.file)));
      for (const id of c.expect) if (!known.has(id)) unknown.set(id, [...(unknown.get(id) ?? []), file]);
      cases.push({ ...c, file });
    }
  }
  return { cases, unknown };
}

const USAGE = 'usage: node evals/run-real-evals.ts [--split train|test|all] [--surface cli|page|search]... [--cases DIR]... [--dist DIR] [--json] [--tooling]';

function options() {
  try {
    const { values } = parseArgs({
      options: {
        split: { type: 'string', default: 'all' },
        surface: { type: 'string', multiple: true },
        cases: { type: 'string', multiple: true },
        dist: { type: 'string' },
        json: { type: 'boolean', default: false },
        tooling: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
    if (values.help) return console.log(USAGE), 0;
    if (!['train', 'test', 'all'].includes(values.split)) throw new Error(`unknown --split \`${values.split}\`, expected train, test or all`);
    const surfaces = (values.surface ?? Object.keys(SURFACES)) as Surface[];
    for (const s of surfaces) if (!(s in SURFACES)) throw new Error(`unknown --surface \`${s}\`, expected cli, page or search`);
    const splits: Split[] = values.split === 'all' ? ['train', 'test'] : [values.split as Split];
    return { tooling: values.tooling, splits, surfaces, dirs: (values.cases ?? [join(REAL, 'cases')]).map((d) => resolve(d)), dist: values.dist, json: values.json };
  } catch (e) {
    console.error(`run-real-evals: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
}

async function main() {
  const o = options();
  if (typeof o === 'number') return o;
  let loaded;
  try {
    loaded = loadCases(o.dirs);
  } catch (e) {
    if (!(e instanceof CaseFileError)) throw e;
    console.error(`run-real-evals: ${e.message}`);
    return 2;
  }
  // Cases outside the chosen splits are dropped here, before any surface sees them.
  const cases = loaded.cases.filter((c) => o.splits.includes(c.split));
  if (!o.json) {
    console.log(`${cases.length} cases (${o.splits.join(' + ')}) from ${o.dirs.map((d) => relative(ROOT, d) || '.').join(', ')}`);
    for (const [id, files] of loaded.unknown) console.log(`  no page \`${id}\` in this checkout (counts as a miss): ${files.filter((f) => cases.some((c) => c.file === f)).length} case(s)`);
  }
  const results: Partial<Record<Surface, RealResult[]>> = {};
  if (o.surfaces.includes('cli')) results.cli = await evaluateCli(cases, ROOT, { cachedIndex: true });
  const browserSurfaces = o.surfaces.filter((s) => s !== 'cli');
  let tooling: Awaited<ReturnType<typeof toolingAbove>> | undefined;
  if (browserSurfaces.length || o.tooling) {
    const server = await preview(await siteDist(o.dist, 'real-eval-dist'));
    const browser = await launch();
    try {
      if (browserSurfaces.includes('page')) results.page = await evaluateBrowser(browser, server.url, cases);
      if (browserSurfaces.includes('search')) results.search = await evaluateSearchBox(browser, server.url, cases);
      if (o.tooling) tooling = await toolingAbove(browser, server.url, cases);
    } finally {
      await browser.close();
      await server.stop();
    }
  }
  if (o.json) {
    const out: Record<string, unknown> = {};
    for (const [s, r] of Object.entries(results)) out[s] = Object.fromEntries(o.splits.map((split) => [split, realFigures(r.filter((x) => x.split === split))]));
    console.log(JSON.stringify(out));
  } else for (const [s, r] of Object.entries(results)) console.log(`\n${realReport(SURFACES[s as Surface], r, o.splits)}`);
  if (tooling) {
    console.log(`\nsearch modal, each case's decisive line typed: a tooling page above every gotcha in ${tooling.length} of ${cases.length} cases`);
    for (const t of tooling) console.log(`  ${t.split} ${t.file}: "${t.query}" → ${t.got.join(', ')}`);
  }
  return 0;
}

if (import.meta.main) process.exitCode = await main();
