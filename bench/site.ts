/**
 * What the guide's own routes, collections and plugins cost on top of Starlight: a full `astro build` of
 * the guide (real content, then a generated corpus of 5,000 gotchas) beside a bare Starlight site built from
 * the same number of plain Markdown pages holding the same bodies. Each build starts from an empty cache.
 * Target: the guide within 1.3× of the bare site. Prints a table; never fails on the figures.
 *
 * A build takes long enough for a busy neighbour on a shared machine to move it by a third, so the two
 * builds alternate `--repeat` times and the table shows the median of each and the ratio of the medians. It
 * also shows the CPU time each build used (user + system, with its child processes, from bash's `time`),
 * which a neighbour moves less than the wall-clock time.
 *
 * Usage: node bench/site.ts [--sizes real,5000] [--repeat N] [--keep]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { generateCorpus, writeCorpus } from './generate.ts';
import { buildCommand, ROOT } from '../site/test/serve.ts';

const ASTRO = join(ROOT, 'node_modules/astro/bin/astro.mjs');
/** Links in the bare site's sidebar: about as many as the guide's sidebar has. */
const SIDEBAR_LINKS = 45;

/** With `KB_BENCH_LOGS=<dir>`, each build's log is kept there (`guide-1.log`, `bare-1.log`, …) to compare phases. */
const logCount = new Map<string, number>();
function keepLog(kind: string, text: string) {
  const dir = process.env.KB_BENCH_LOGS;
  if (!dir) return;
  const n = (logCount.get(kind) ?? 0) + 1;
  logCount.set(kind, n);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${kind}-${n}.log`), text);
}

interface Build {
  seconds: number;
  /** User + system CPU seconds of the build and its children. */
  cpu: number;
  pages: number;
  ok: boolean;
}

/** Run Node with `args` under bash's `time`: wall-clock seconds, CPU seconds, the log, and whether it passed. */
function timedNode(args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }) {
  const start = process.hrtime.bigint();
  const r = spawnSync('bash', ['-c', 'TIMEFORMAT="kb-bench-cpu %3U %3S"; time "$@"', 'bash', process.execPath, ...args], { ...options, encoding: 'utf8', maxBuffer: 1 << 28 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const times = /kb-bench-cpu ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr);
  const log = `${r.stdout}${r.stderr.replace(/kb-bench-cpu [^\n]*\n?$/, '')}`;
  return { seconds, cpu: times ? Number(times[1]) + Number(times[2]) : NaN, log, ok: r.status === 0 };
}

function htmlPages(dir: string): number {
  let n = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) if (entry.isFile() && entry.name.endsWith('.html')) n++;
  return n;
}

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.md'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/** The guide's build on a content tree, with the command and environment the site tests use. */
function guideBuild(contentDir: string, work: string): Build {
  const outDir = join(work, 'guide-dist');
  // From an empty content cache every time, as the bare site's build is.
  for (const dir of [outDir, `${outDir}.cache`]) rmSync(dir, { recursive: true, force: true });
  const { args, env } = buildCommand({ contentDir, outDir });
  const r = timedNode(args, { cwd: ROOT, env });
  keepLog('guide', r.log);
  if (!r.ok) process.stderr.write(`guide build failed:\n${r.log.split('\n').slice(-15).join('\n')}\n`);
  return { seconds: r.seconds, cpu: r.cpu, pages: r.ok ? htmlPages(outDir) : 0, ok: r.ok };
}

/**
 * A Starlight site with nothing of ours: `pages` plain Markdown pages in the docs collection, bodies taken
 * from the content files in turn so both builds render the same amount of Markdown. It lives under the
 * repository's ignored .cache/ so it resolves the same node_modules (same Astro and Starlight) by walking up;
 * a symlinked node_modules confuses Vite, which sees each Starlight component under two paths.
 */
function bareBuild(contentDir: string, pages: number, work: string): Build {
  mkdirSync(join(ROOT, '.cache'), { recursive: true });
  const site = mkdtempSync(join(ROOT, '.cache', 'bench-bare-site-'));
  const docs = join(site, 'src/content/docs');
  mkdirSync(docs, { recursive: true });
  // Astro finds the packages whose components it must bundle from the dependencies listed here.
  const versions = (name: string) => (JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  writeFileSync(join(site, 'package.json'), JSON.stringify({ name: 'bare-starlight-bench', private: true, type: 'module', dependencies: { astro: versions('astro'), '@astrojs/starlight': versions('@astrojs/starlight') } }));
  writeFileSync(
    join(site, 'astro.config.mjs'),
    // A sidebar as long as the guide's (which lists catalogs and references, not every gotcha): an
    // autogenerated one would put every page on every page, and the baseline would grow quadratically.
    `import { defineConfig } from 'astro/config';\nimport starlight from '@astrojs/starlight';\n\nexport default defineConfig({\n  integrations: [starlight({ title: 'Bare Starlight', sidebar: [{ label: 'Pages', items: ${JSON.stringify(Array.from({ length: Math.min(SIDEBAR_LINKS, pages - 1) }, (_, i) => ({ label: `Page ${i + 1}`, link: `/pages/page-${i + 1}/` })))} }], pagefind: true })],\n});\n`,
  );
  writeFileSync(
    join(site, 'src/content.config.ts'),
    `import { defineCollection } from 'astro:content';\nimport { docsLoader } from '@astrojs/starlight/loaders';\nimport { docsSchema } from '@astrojs/starlight/schema';\n\nexport const collections = { docs: defineCollection({ loader: docsLoader(), schema: docsSchema() }) };\n`,
  );
  const bodies = markdownFiles(contentDir).map((f) => readFileSync(f, 'utf8').replace(/^---\r?\n[\s\S]*?\r?\n---\r?\n/, ''));
  mkdirSync(join(docs, 'pages'), { recursive: true });
  writeFileSync(join(docs, 'index.md'), '---\ntitle: Bare Starlight\n---\n\nThe baseline site for bench/site.ts.\n');
  // Scheme links (gotcha:U6) mean nothing to a bare site; keep their text, drop the target.
  for (let i = 0; i < Math.max(0, pages - 1); i++) {
    writeFileSync(join(docs, 'pages', `page-${i + 1}.md`), `---\ntitle: "Page ${i + 1}"\n---\n\n${bodies[i % bodies.length].replace(/\]\((gotcha|profile|principle|ref|catalog|script):[^)]*\)/g, ']')}`);
  }
  const outDir = join(work, 'bare-dist');
  const r = timedNode([ASTRO, 'build', '--root', site, '--outDir', outDir], { cwd: site, env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } });
  keepLog('bare', r.log);
  rmSync(site, { recursive: true, force: true });
  if (!r.ok) process.stderr.write(`bare build failed:\n${r.log.split('\n').slice(-15).join('\n')}\n`);
  return { seconds: r.seconds, cpu: r.cpu, pages: r.ok ? htmlPages(outDir) : 0, ok: r.ok };
}

const { values } = parseArgs({ options: { sizes: { type: 'string', default: 'real,5000' }, repeat: { type: 'string', default: '3' }, keep: { type: 'boolean', default: false } } });
const repeat = Math.max(1, Number(values.repeat) || 1);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows: string[][] = [];
for (const size of values.sizes.split(',').map((s) => s.trim())) {
  const work = mkdtempSync(join(tmpdir(), `kb-site-bench-${size}-`));
  let contentDir = join(ROOT, 'content');
  if (size !== 'real') {
    writeCorpus(work, generateCorpus({ gotchas: Number(size), profiles: 8, catalogs: Math.max(1, Math.ceil(Number(size) / 120)), paragraphs: 1, seed: 5 }));
    contentDir = join(work, 'content');
  }
  const label = size === 'real' ? 'real corpus' : `${size} gotchas`;
  process.stderr.write(`${label}: building the guide from ${relative(process.cwd(), contentDir) || contentDir} …\n`);
  const guides: Build[] = [];
  const bares: Build[] = [];
  for (let i = 0; i < repeat; i++) {
    const guide = guideBuild(contentDir, work);
    guides.push(guide);
    process.stderr.write(`  guide: ${guide.seconds.toFixed(1)} s (CPU ${guide.cpu.toFixed(1)} s), ${guide.pages} pages; building a bare Starlight site with as many pages …\n`);
    const bare = bareBuild(contentDir, Math.max(guide.pages, markdownFiles(contentDir).length), work);
    bares.push(bare);
    process.stderr.write(`  bare: ${bare.seconds.toFixed(1)} s (CPU ${bare.cpu.toFixed(1)} s), ${bare.pages} pages\n`);
  }
  const summary = (builds: Build[]): Build => ({ seconds: median(builds.map((b) => b.seconds)), cpu: median(builds.map((b) => b.cpu)), pages: builds[0].pages, ok: builds.every((b) => b.ok) });
  const guide = summary(guides);
  const bare = summary(bares);
  const both = guide.ok && bare.ok;
  // Each pair ran back to back, so a pair's ratio shares the machine's state of the moment; their median is
  // steadier than the ratio of the medians when the machine's speed drifts between pairs.
  const pairRatios = guides.map((g, i) => g.seconds / bares[i].seconds);
  rows.push([
    label,
    guide.ok ? guide.seconds.toFixed(1) : 'failed',
    String(guide.pages),
    bare.ok ? bare.seconds.toFixed(1) : 'failed',
    String(bare.pages),
    both ? `${(guide.seconds / bare.seconds).toFixed(2)}×` : '—',
    both ? `${median(pairRatios).toFixed(2)}× (${Math.min(...pairRatios).toFixed(2)}–${Math.max(...pairRatios).toFixed(2)})` : '—',
    both ? `${guide.cpu.toFixed(1)} ÷ ${bare.cpu.toFixed(1)} = ${(guide.cpu / bare.cpu).toFixed(2)}×` : '—',
  ]);
  if (values.keep) process.stderr.write(`  kept ${work}\n`);
  else rmSync(work, { recursive: true, force: true });
}
const head = ['corpus', `guide build (s, median of ${repeat})`, 'guide pages', `bare Starlight (s, median of ${repeat})`, 'bare pages', 'guide ÷ bare (target ≤ 1.3×)', 'median of pair ratios (range)', 'CPU s, guide ÷ bare (medians)'];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells: string[]) => `| ${cells.map((c, i) => (i ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(' | ')} |`;
process.stdout.write(`${[line(head), `|${widths.map((w, i) => (i ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`, ...rows.map(line)].join('\n')}\n`);
