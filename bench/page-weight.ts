/**
 * Page-weight benchmark: how much JavaScript and CSS a gotcha page ships beyond a bare Starlight page.
 *
 *   node bench/page-weight.ts [--dist DIR] [--page PATH] [--query WORDS] [--rebuild-bare]
 *
 * The reference is a real bare Starlight site, built once into .cache/page-weight/bare from a single Markdown
 * page with the same kinds of content a gotcha has (headings, prose, a code block, a table), so Starlight's own
 * scripts, Expressive Code and Pagefind UI count on both sides and only what the guide adds shows as extra.
 * Both pages are opened in Chromium; every script and stylesheet the browser fetches, plus inline <script> and
 * <style>, is counted raw and gzip-compressed: once after load (including what loads when the browser is idle,
 * like Pagefind UI) and once more after typing a query into the search modal (the Pagefind engine, its index
 * chunks excluded, and the guide's search fallback). A benchmark, not a test: it prints figures and the target
 * (≤ 10 KB of extra JavaScript, uncompressed) and exits 0 whatever they are; 1 if a build or page load fails,
 * 2 on bad arguments.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { launch } from '../site/test/browser.ts';
import { childEnv, preview, ROOT } from '../site/test/serve.ts';

// The target counts raw bytes, the stricter reading (gzip is shown beside it).
const TARGET_JS = 10 * 1024;
const BARE = join(ROOT, '.cache/page-weight/bare');

interface Asset { name: string; kind: 'js' | 'css'; raw: number; gzip: number; phase: 'load' | 'search' }
interface Weight { assets: Asset[] }

// Words of the default query appear here too, so both pages run a search that finds something.
const BARE_PAGE = `---
title: A bare Starlight page
description: The reference page for the page-weight benchmark.
---

## Symptom

A paragraph of prose, the way a gotcha opens, with \`inline code\` and a [link](https://example.com/).

## Fix

\`\`\`sh
rsync -a --partial checkpoints/ backup:/data/checkpoints/
\`\`\`

| Platform | Survives a stop |
| --- | --- |
| one | yes |
| two | no |
`;

/** Write and build the bare Starlight site (skipped when a build exists, unless `force`). */
function buildBare(force: boolean): string {
  const dist = join(BARE, 'dist');
  if (!force && existsSync(join(dist, 'index.html'))) return dist;
  rmSync(BARE, { recursive: true, force: true });
  mkdirSync(join(BARE, 'src/content/docs'), { recursive: true });
  writeFileSync(
    join(BARE, 'astro.config.mjs'),
    `import { defineConfig } from 'astro/config';\nimport starlight from '@astrojs/starlight';\nexport default defineConfig({ trailingSlash: 'always', integrations: [starlight({ title: 'Bare' })] });\n`,
  );
  writeFileSync(
    join(BARE, 'src/content.config.ts'),
    `import { defineCollection } from 'astro:content';\nimport { docsLoader } from '@astrojs/starlight/loaders';\nimport { docsSchema } from '@astrojs/starlight/schema';\nexport const collections = { docs: defineCollection({ loader: docsLoader(), schema: docsSchema() }) };\n`,
  );
  writeFileSync(join(BARE, 'src/content/docs/index.md'), BARE_PAGE);
  const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/astro/bin/astro.mjs'), 'build', '--root', BARE], { cwd: BARE, env: childEnv(), encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`bare Starlight build failed:\n${(r.stdout + r.stderr).slice(-2000)}`);
  return dist;
}

/** Strip the content hash Vite adds, so the same module can be matched across two builds. */
const stableName = (url: string) => new URL(url).pathname.split('/').at(-1)!.replace(/\.[\w-]{8}\.(js|css)$/, '.$1');

async function measure(browser: Browser, dist: string, path: string, query: string): Promise<Weight> {
  const server = await preview(dist);
  const page = await browser.newPage();
  const assets: Asset[] = [];
  let phase: Asset['phase'] = 'load';
  const pending: Promise<void>[] = [];
  page.on('response', (res) => {
    const type = res.request().resourceType();
    if (type !== 'script' && type !== 'stylesheet') return;
    const at = phase;
    pending.push(
      res.body().then(
        (body) => void assets.push({ name: stableName(res.url()), kind: type === 'script' ? 'js' : 'css', raw: body.length, gzip: gzipSync(body, { level: 9 }).length, phase: at }),
        () => undefined,
      ),
    );
  });
  try {
    const response = await page.goto(server.url + path, { waitUntil: 'networkidle' });
    if (!response?.ok()) throw new Error(`${path}: HTTP ${response?.status()}`);
    // Starlight starts Pagefind UI from requestIdleCallback; give it the idle period it waits for.
    await page.waitForFunction(() => document.querySelector('#starlight__search .pagefind-ui') !== null, null, { timeout: 15_000 });
    await page.waitForLoadState('networkidle');
    const inline = await page.evaluate(() => ({
      js: [...document.querySelectorAll('script:not([src])')].map((s) => s.textContent ?? '').filter((t) => t.trim() && !t.trim().startsWith('{')),
      css: [...document.querySelectorAll('style')].map((s) => s.textContent ?? ''),
    }));
    for (const [kind, texts] of [['js', inline.js], ['css', inline.css]] as const) {
      const body = Buffer.from(texts.join('\n'));
      if (body.length) assets.push({ name: `(inline ${kind})`, kind, raw: body.length, gzip: gzipSync(body, { level: 9 }).length, phase: 'load' });
    }
    await Promise.all(pending);
    phase = 'search';
    await page.locator('site-search button[data-open-modal]').first().click();
    await page.locator('#starlight__search input').fill(query);
    // Pagefind UI renders its results list once the search has finished, found or not.
    await page.waitForFunction(() => document.querySelector('#starlight__search .pagefind-ui__results-area > ol') !== null, null, { timeout: 15_000 });
    await page.waitForLoadState('networkidle');
    await Promise.all(pending);
    return { assets };
  } finally {
    await page.close();
    await server.stop();
  }
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const sum = (assets: Asset[], kind: Asset['kind'], phase: Asset['phase'], key: 'raw' | 'gzip') => assets.filter((a) => a.kind === kind && a.phase === phase).reduce((n, a) => n + a[key], 0);

function table(bare: Weight, page: Weight, label: string): string {
  const cell = (w: Weight, kind: Asset['kind'], phase: Asset['phase']) => `${kb(sum(w.assets, kind, phase, 'raw'))} (${kb(sum(w.assets, kind, phase, 'gzip'))})`;
  const diff = (kind: Asset['kind'], phase: Asset['phase']) => {
    const raw = sum(page.assets, kind, phase, 'raw') - sum(bare.assets, kind, phase, 'raw');
    const gz = sum(page.assets, kind, phase, 'gzip') - sum(bare.assets, kind, phase, 'gzip');
    return `${raw >= 0 ? '+' : ''}${kb(raw)} (${gz >= 0 ? '+' : ''}${kb(gz)})`;
  };
  const cols = [['JS on load', 'js', 'load'], ['CSS on load', 'css', 'load'], ['JS for a search', 'js', 'search']] as const;
  const rows = [
    ['', ...cols.map((c) => c[0])],
    ['bare Starlight page', ...cols.map(([, k, p]) => cell(bare, k, p))],
    [label, ...cols.map(([, k, p]) => cell(page, k, p))],
    ['extra', ...cols.map(([, k, p]) => diff(k, p))],
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('   ')).join('\n');
}

/**
 * Per-file differences, matched by name without the content hash (files of one name are added up): what the
 * guide's page loads that the bare page does not, loads larger, or no longer loads.
 */
function differences(bare: Weight, page: Weight): string[] {
  const totals = (w: Weight) => {
    const m = new Map<string, number>();
    for (const a of w.assets) m.set(`${a.phase.padEnd(6)} ${a.kind.padEnd(3)} ${a.name}`, (m.get(`${a.phase.padEnd(6)} ${a.kind.padEnd(3)} ${a.name}`) ?? 0) + a.gzip);
    return m;
  };
  const b = totals(bare);
  const p = totals(page);
  const lines: string[] = [];
  for (const key of [...new Set([...p.keys(), ...b.keys()])].sort()) {
    const extra = (p.get(key) ?? 0) - (b.get(key) ?? 0);
    if (Math.abs(extra) < 64) continue;
    const where = !b.has(key) ? ' (only on the guide page)' : !p.has(key) ? ' (only on the bare page)' : '';
    lines.push(`  ${key.padEnd(70)} ${extra > 0 ? '+' : ''}${kb(extra)}${where}`);
  }
  return lines;
}

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({ options: { dist: { type: 'string', default: 'dist' }, page: { type: 'string', default: '/gotchas/u6/' }, query: { type: 'string', default: 'rsync checkpoints' }, 'rebuild-bare': { type: 'boolean' } } }).values;
  } catch (e) {
    console.error(`page-weight: ${(e as Error).message}\nusage: node bench/page-weight.ts [--dist DIR] [--page PATH] [--query WORDS] [--rebuild-bare]`);
    return 2;
  }
  const dist = resolve(args.dist!);
  if (!existsSync(join(dist, 'index.html'))) {
    console.error(`page-weight: ${args.dist} has no built site (no index.html); run npm run build first or pass --dist`);
    return 2;
  }
  let bareDist: string;
  try {
    bareDist = buildBare(!!args['rebuild-bare']);
  } catch (e) {
    console.error(`page-weight: ${(e as Error).message}`);
    return 1;
  }
  const browser = await launch();
  try {
    const bare = await measure(browser, bareDist, '/', args.query!);
    const page = await measure(browser, dist, args.page!, args.query!);
    console.log(`Page weight, raw (gzip -9), of ${args.page} against a bare Starlight page; search for "${args.query}"\n`);
    console.log(table(bare, page, args.page!));
    const extra = (key: 'raw' | 'gzip') => (['load', 'search'] as const).reduce((n, ph) => n + sum(page.assets, 'js', ph, key) - sum(bare.assets, 'js', ph, key), 0);
    console.log(`\nExtra JavaScript, load and search together: ${kb(extra('raw'))} (${kb(extra('gzip'))} gzip); target ≤ ${kb(TARGET_JS)}: ${extra('raw') <= TARGET_JS ? 'met' : 'NOT met'}`);
    const diffs = differences(bare, page);
    if (diffs.length) console.log(`\nFiles that differ by 64 bytes or more, gzip (names without their content hash):\n${diffs.join('\n')}`);
    return 0;
  } catch (e) {
    console.error(`page-weight: ${(e as Error).message}`);
    return 1;
  } finally {
    await browser.close();
  }
}

process.exitCode = await main();
