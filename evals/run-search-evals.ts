/**
 * Retrieval evaluation of the site search, through the real search modal in Debian's Chromium.
 *
 *   node evals/run-search-evals.ts [--dist DIR] [--cases FILE] [--json]
 *
 * Without --dist it builds the site first (into .cache/search-eval-dist). Each case of the cases file (JSON
 * Lines: {"query": "...", "expect": ["U6"], "kind": "error"}) is typed into Starlight's search modal; the
 * result links are read in the order a reader sees them — including the relaxed results of the forgiving
 * fallback when it replaces Pagefind UI's own — and the case counts as found at k when one of its expected
 * pages is among the first k. An expected page is a gotcha id, or the site path of another content page
 * (`/reference/deliver/`, `/catalogs/verification/`, `/profiles/runpod/`, `/templates/make_manifest-sh/`). Prints recall@1 and recall@3, per kind and overall, and every miss.
 * Exit 0 after a completed run, 1 when the run itself fails, 2 on bad arguments or a bad cases file.
 *
 * `--locale zh-cn` runs a language edition's cases (evals/search-cases.zh-cn.jsonl by default) from that
 * edition's home page, so the search modal queries that language's index, as it does for a reader there; a
 * case may then expect a translated page by its path (`/zh-cn/gotchas/ad5/`), which counts apart from the
 * English page of the same id.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { catalogPath, profilePath, referencePath, templatePath } from '../lint/src/markdown/links.ts';
import { launch } from '../site/test/browser.ts';
import { preview, ROOT, siteDist } from '../site/test/serve.ts';
import { TRANSLATED_LOCALES, translatedRoutes, type TranslatedLocale } from '../site/lib/i18n.ts';

export interface SearchCase { query: string; expect: string[]; kind: string; line: number }
export interface CaseResult extends SearchCase {
  got: string[];
  rank: number | null;
  /** The forgiving fallback's note when it replaced the results, else null. */
  note: string | null;
}
export interface Recall { cases: number; at1: number; at3: number }

export const CASES = join(ROOT, 'evals/search-cases.jsonl');

/** Thrown for a malformed cases file; the message starts with `file:line:`. */
export class CaseFileError extends Error {}

/** Every gotcha id in the content tree, upper-case as written in frontmatter. */
export function gotchaIds(contentDir = join(ROOT, 'content')): Set<string> {
  const dir = join(contentDir, 'gotchas');
  const ids = new Set<string>();
  for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    if (!file.endsWith('.md') || file.split('/').at(-1)!.startsWith('_')) continue;
    const id = /^id:\s*(\S+)/m.exec(readFileSync(join(dir, file), 'utf8'))?.[1];
    if (id) ids.add(id.replace(/^["']|["']$/g, ''));
  }
  return ids;
}

/**
 * The ids the diagnosis engine answers with: every gotcha id, and `ref:<slug>` for each reference page that
 * declares `signatures:` (content/references/xid.md answers as `ref:xid`).
 */
export function answerIds(contentDir = join(ROOT, 'content')): Set<string> {
  const ids = gotchaIds(contentDir);
  const dir = join(contentDir, 'references');
  for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    if (!file.endsWith('.md')) continue;
    const head = /^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(join(dir, file), 'utf8'))?.[1] ?? '';
    if (/^signatures:\s*$/m.test(head)) ids.add(`ref:${file.replace(/\.md$/, '')}`);
  }
  return ids;
}

/**
 * Site paths of the content pages other than gotchas: reference pages, catalogs, profiles and script
 * templates. A case may expect one of these, since some questions are answered by a page, not an entry.
 */
export function pagePaths(root = ROOT): Set<string> {
  const md = (folder: string) =>
    readdirSync(join(root, 'content', folder), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.md') && !f.split('/').at(-1)!.startsWith('_'))
      .map((f) => f.slice(0, -'.md'.length));
  const scripts = readdirSync(join(root, 'scripts')).filter((f) => /\.sh(\.template)?$/.test(f));
  return new Set([
    ...md('references').map(referencePath),
    ...md('catalogs').map(catalogPath),
    ...md('profiles').map(profilePath),
    ...scripts.map(templatePath),
  ]);
}

/** Site paths of a language edition's pages: its home and every translation (`/zh-cn/profiles/autodl/`). */
export function localePagePaths(locale: TranslatedLocale): Set<string> {
  return new Set([...translatedRoutes(locale)].map((route) => `/${locale}${route}`));
}

/** Parse and check a cases file: every expected page must exist (a gotcha id, or a page path from `pagePaths`). */
export function loadCases(path = CASES, known = gotchaIds(), pages = pagePaths()): SearchCase[] {
  const name = path.startsWith(process.cwd()) ? relative(process.cwd(), path) : path;
  const cases: SearchCase[] = [];
  const seen = new Map<string, number>();
  readFileSync(path, 'utf8').split('\n').forEach((text, i) => {
    const line = i + 1;
    if (!text.trim()) return;
    const fail = (msg: string): never => {
      throw new CaseFileError(`${name}:${line}: ${msg}`);
    };
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      fail(`not valid JSON (${(e as Error).message})`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) fail('expected an object {"query": ..., "expect": [...]}');
    const { query, expect, kind = 'other', ...rest } = value as Record<string, unknown>;
    const extra = Object.keys(rest);
    if (extra.length) fail(`unknown field "${extra[0]}" (allowed: query, expect, kind)`);
    if (typeof query !== 'string' || !query.trim()) fail('"query" must be a non-empty string');
    if (!Array.isArray(expect) || expect.length === 0) fail('"expect" must be a non-empty array of gotcha ids or page paths');
    (expect as unknown[]).forEach((id, j) => {
      if (typeof id !== 'string') return fail(`expect[${j}] must be a string`);
      if (id.startsWith('/')) {
        if (!pages.has(id)) fail(`expect[${j}] "${id}" is not the path of a reference, catalog, profile or template page`);
      } else if (!known.has(id)) fail(`expect[${j}] "${id}" is not a gotcha id`);
    });
    if (typeof kind !== 'string') fail('"kind" must be a string');
    const q = (query as string).trim();
    if (seen.has(q)) fail(`duplicate query "${q}" (first on line ${seen.get(q)})`);
    seen.set(q, line);
    cases.push({ query: q, expect: expect as string[], kind: kind as string, line });
  });
  if (!cases.length) throw new CaseFileError(`${name}: no cases`);
  return cases;
}

/** The gotcha id a result link points at, or its path for any other page. */
export function idOf(href: string, ids: Set<string>): string {
  const path = new URL(href, 'http://x').pathname;
  // A translated gotcha (`/zh-cn/gotchas/ad5/`) keeps its path: it is a different page from the English one.
  const m = /(?<!\/[a-z]{2}-[a-z]{2})\/gotchas\/([^/]+)\/$/.exec(path);
  const id = m?.[1].toUpperCase();
  return id && ids.has(id) ? id : path;
}

async function openModal(page: Page) {
  const input = page.locator('#starlight__search input.pagefind-ui__search-input');
  if (await input.isVisible()) return input;
  await page.locator('site-search button[data-open-modal]').first().click();
  await input.waitFor({ state: 'visible' });
  return input;
}

/**
 * Type one query into the open modal and return the top-level result links, in order, once the modal has
 * settled: Pagefind UI finished, the forgiving fallback (when the page has it) finished, and the first results
 * loaded their titles.
 */
export async function searchInModal(page: Page, query: string): Promise<{ hrefs: string[]; note: string | null }> {
  const input = await openModal(page);
  await input.fill('');
  await input.fill(query);
  await page.waitForFunction(
    (q) => {
      const host = document.querySelector<HTMLElement>('#starlight__search')!;
      const area = host.querySelector('.pagefind-ui__results-area');
      if (!area?.querySelector(':scope > ol.pagefind-ui__results')) return false;
      if ('forgiving' in host.dataset && host.dataset.settled !== q) return false;
      // Pagefind UI shows placeholders until each result's data has loaded.
      return ![...host.querySelectorAll('.pagefind-ui__loading')].some((el) => (el as HTMLElement).checkVisibility());
    },
    query,
    { timeout: 20_000 },
  );
  return page.evaluate(() => {
    const host = document.querySelector<HTMLElement>('#starlight__search')!;
    const links = [...host.querySelectorAll<HTMLAnchorElement>('.pagefind-ui__result-inner > .pagefind-ui__result-title > a.pagefind-ui__result-link')];
    const note = host.querySelector('.relaxed-search [role="status"]')?.textContent ?? null;
    return { hrefs: links.filter((a) => a.checkVisibility()).map((a) => a.href), note };
  });
}

/** Run every case against a served site; `url` is the site root. */
export async function evaluate(browser: Browser, url: string, cases: SearchCase[], ids = gotchaIds(), start = '/gotchas/u6/'): Promise<CaseResult[]> {
  const page = await browser.newPage();
  try {
    // By default a gotcha page, because that is where most readers open the search from; a language
    // edition's cases start on that edition's home, whose <html lang> picks the index searched.
    await page.goto(`${url}${start}`);
    const results: CaseResult[] = [];
    for (const c of cases) {
      let found;
      try {
        found = await searchInModal(page, c.query);
      } catch (e) {
        // One query that never settles is a miss to report, not a reason to lose the whole run.
        if ((e as Error).name !== 'TimeoutError') throw e;
        found = { hrefs: [], note: 'the search modal did not settle within 20 s' };
        await page.reload();
      }
      const { hrefs, note } = found;
      const got = hrefs.map((h) => idOf(h, ids));
      const index = got.findIndex((id) => c.expect.includes(id));
      results.push({ ...c, got, rank: index < 0 ? null : index + 1, note });
    }
    return results;
  } finally {
    await page.close();
  }
}

export function recall(results: CaseResult[]): Recall {
  const within = (k: number) => results.filter((r) => r.rank !== null && r.rank <= k).length / results.length;
  return { cases: results.length, at1: within(1), at3: within(3) };
}

export function report(results: CaseResult[]): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`.padStart(8);
  const kinds = [...new Set(results.map((r) => r.kind))];
  const rows = [...kinds.map((k) => [k, recall(results.filter((r) => r.kind === k))] as const), ['all', recall(results)] as const];
  const lines = ['kind          cases  recall@1  recall@3', ...rows.map(([k, r]) => `${k.padEnd(12)} ${String(r.cases).padStart(6)}  ${pct(r.at1)}  ${pct(r.at3)}`)];
  const relaxed = results.filter((r) => r.note).length;
  lines.push('', `The forgiving fallback replaced the results for ${relaxed} of ${results.length} queries.`);
  const misses = results.filter((r) => r.rank === null || r.rank > 1);
  if (misses.length) {
    lines.push('', 'Not first (line: query → expected; got top 3):');
    for (const m of misses) {
      lines.push(`  ${String(m.line).padStart(3)}: ${m.query} → ${m.expect.join('|')}; rank ${m.rank ?? '—'}; got ${m.got.slice(0, 3).join(', ') || 'nothing'}`);
      if (m.note) lines.push(`       ${m.note}`);
    }
  }
  return lines.join('\n');
}

async function main() {
  let args;
  try {
    args = parseArgs({ options: { dist: { type: 'string' }, cases: { type: 'string' }, json: { type: 'boolean' }, locale: { type: 'string' } } }).values;
    if (args.locale !== undefined && !(TRANSLATED_LOCALES as string[]).includes(args.locale)) throw new Error(`unknown --locale "${args.locale}" (expected one of: ${TRANSLATED_LOCALES.join(', ')})`);
  } catch (e) {
    console.error(`run-search-evals: ${(e as Error).message}\nusage: node evals/run-search-evals.ts [--dist DIR] [--cases FILE] [--locale zh-cn] [--json]`);
    return 2;
  }
  const locale = args.locale as TranslatedLocale | undefined;
  let cases: SearchCase[];
  try {
    cases = locale
      ? loadCases(args.cases ?? join(ROOT, `evals/search-cases.${locale}.jsonl`), gotchaIds(), new Set([...pagePaths(), ...localePagePaths(locale)]))
      : loadCases(args.cases ?? CASES);
  } catch (e) {
    if (e instanceof CaseFileError || (e as NodeJS.ErrnoException).code === 'ENOENT') {
      console.error(`run-search-evals: ${(e as Error).message}`);
      return 2;
    }
    throw e;
  }
  if (!args.dist) console.error('building the site into .cache/search-eval-dist …');
  let dist: string;
  try {
    dist = await siteDist(args.dist, 'search-eval-dist');
  } catch (e) {
    console.error((e as Error).message);
    return 1;
  }
  const server = await preview(dist);
  const browser = await launch();
  try {
    const results = await evaluate(browser, server.url, cases, gotchaIds(), locale ? `/${locale}/` : undefined);
    console.log(args.json ? JSON.stringify({ recall: recall(results), results }, null, 2) : report(results));
    return 0;
  } finally {
    await browser.close();
    await server.stop();
  }
}

if (import.meta.main) process.exitCode = await main();
