/**
 * How fast and how big kb-lint is next to the floor (reading and parsing the same files to mdast on one
 * thread) and next to two general Markdown linters run over the same files, at three corpus sizes. Every
 * tool runs as its own process under `/usr/bin/time -v` so peak memory is the whole process's. Prints a
 * table; the figures are for reading, and nothing here fails on them. Repeats are taken in rounds (every tool
 * once, then again), so that the machine drifting between minutes does not land on one tool alone.
 *
 * Usage: node bench/lint.ts [--sizes real,10x,5000] [--repeat N] [--others-repeat N] [--keep] [--baseline DIR]
 *        (the other linters run `--others-repeat` times, default 1: remark-cli alone takes minutes at 10×;
 *        `--baseline` adds another checkout's kb-lint, e.g. main's, to the same rounds: before and after,
 *        interleaved)
 *        node bench/lint.ts --bare <root>     (the floor itself, used as a child process)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateCorpus, writeCorpus } from './generate.ts';

const REPO = fileURLToPath(new URL('../', import.meta.url));
const NODE = process.execPath;
const BIN = (name: string) => join(REPO, 'node_modules', '.bin', name);
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const COMPILE_CACHE = join(tmpdir(), 'kb-bench-compile-cache');
/** Node's start-up flags from lint/bin.js's `#!` line: kb-lint is measured as its bin and npm scripts start it. */
const LINT_NODE_FLAGS = /^#!\/usr\/bin\/env -S node(.*)$/m.exec(readFileSync(join(REPO, 'lint/bin.js'), 'utf8'))?.[1].trim().split(/\s+/).filter(Boolean) ?? [];

/** The floor: list the corpus, read every file, parse it to mdast, keep nothing. */
async function bare(root: string) {
  const { corpusFiles } = await import('../lint/src/files.ts');
  const { parseMarkdown } = await import('../lint/src/markdown/parse.ts');
  let nodes = 0;
  for (const path of await corpusFiles(root)) {
    if (!path.endsWith('.md')) continue;
    nodes += parseMarkdown(readFileSync(join(root, path), 'utf8')).children.length;
  }
  // Printed so the parse cannot be optimised away and a reader can see it did work.
  process.stdout.write(`${nodes}\n`);
  if (!TIME) process.stderr.write(`maxrss-kib ${process.resourceUsage().maxRSS}\n`);
}

interface Sample {
  seconds: number;
  rssMiB: number;
  code: number | null;
}

/** Run a command, timing it from outside and reading its peak RSS from GNU time (or the child's own report). */
function measure(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Sample {
  // Every tool gets Node's compile cache (kb-lint switches it on itself): loading code is then cheap for all
  // of them alike, and the figures compare the work on the corpus.
  env = { NODE_COMPILE_CACHE: COMPILE_CACHE, ...env };
  const start = process.hrtime.bigint();
  const r = TIME
    ? spawnSync(TIME, ['-v', command, ...args], { cwd, env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 1 << 30 })
    : spawnSync(command, args, { cwd, env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 1 << 30 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const kib = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1] ?? /maxrss-kib (\d+)/.exec(r.stderr)?.[1] ?? NaN);
  if (r.status !== 0 && r.status !== 1) process.stderr.write(`  ! ${command.split('/').at(-1)} ${args.slice(0, 3).join(' ')} exited ${r.status}: ${r.stderr.split('\n').filter(Boolean).slice(-3).join(' | ')}\n`);
  return { seconds, rssMiB: kib / 1024, code: r.status };
}

const BARE = 'bare read + parse (1 thread)';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** One line of the table: a command measured `times` times, with `before` run (unmeasured) ahead of each. */
interface Measurement {
  tool: string;
  times: number;
  before?: () => void;
  run: () => Sample;
}

/**
 * Medians of every measurement, taken in rounds: each round runs each measurement once, in the order given.
 * This machine's speed drifts by a third over minutes, so running one tool's repeats back to back and then
 * the next tool's would put the drift into the ratios; rounds spread it over every tool alike.
 */
function inRounds(measurements: Measurement[]): Map<string, Sample> {
  const samples = new Map<string, Sample[]>(measurements.map((m) => [m.tool, []]));
  const rounds = Math.max(...measurements.map((m) => m.times));
  for (let round = 0; round < rounds; round++) {
    for (const m of measurements) {
      if (round >= m.times) continue;
      m.before?.();
      const sample = m.run();
      samples.get(m.tool)!.push(sample);
      process.stderr.write(`  [round ${round + 1}] ${m.tool}: ${sample.seconds.toFixed(2)} s, ${sample.rssMiB.toFixed(0)} MiB\n`);
    }
  }
  return new Map([...samples].map(([tool, list]) => [tool, { seconds: median(list.map((s) => s.seconds)), rssMiB: median(list.map((s) => s.rssMiB)), code: list.at(-1)?.code ?? null }]));
}

/** The same measurements with another checkout's linter (its own `#!` flags), in the same rounds. */
function baselineRows(dir: string | undefined, root: string, clearCache: () => void, n: number): Measurement[] {
  if (!dir) return [];
  const bin = join(dir, 'lint/bin.js');
  const flags = /^#!\/usr\/bin\/env -S node(.*)$/m.exec(readFileSync(bin, 'utf8'))?.[1].trim().split(/\s+/).filter(Boolean) ?? [];
  const args = (...extra: string[]) => [...flags, bin, '--root', root, '--format', 'json', ...extra];
  return [
    { tool: 'baseline kb-lint cold', times: n, before: clearCache, run: () => measure(NODE, args(), root) },
    { tool: 'baseline kb-lint warm', times: n, run: () => measure(NODE, args(), root) },
  ];
}

interface Corpus {
  name: string;
  root: string;
  files: number;
  mib: number;
}

function corpusStats(root: string): { files: number; mib: number } {
  const out = execFileSync(NODE, ['-e', `import('${join(REPO, 'lint/src/files.ts')}').then(async (m) => { const fs = await import('node:fs'); const files = await m.corpusFiles(${JSON.stringify(root)}); let b = 0; for (const f of files) b += fs.statSync(${JSON.stringify(root)} + '/' + f).size; console.log(files.length, b); })`], { encoding: 'utf8' });
  const [files, bytes] = out.trim().split(' ').map(Number);
  return { files, mib: bytes / 1048576 };
}

function makeCorpus(size: string): Corpus {
  const root = mkdtempSync(join(tmpdir(), `kb-bench-${size}-`));
  if (size === 'real') {
    // A copy, so the repository's own .cache/kb-lint is never touched and git state does not matter.
    execFileSync('cp', ['-r', join(REPO, 'content'), join(REPO, 'scripts'), root]);
    return { name: 'real corpus', root, ...corpusStats(root) };
  }
  // 10x: ten times the real corpus's counts at its gotcha length; 5000: many short gotchas.
  const options = size === '10x' ? { gotchas: 3470, profiles: 80, catalogs: 190, paragraphs: 3, seed: 10 } : { gotchas: Number(size), profiles: 8, catalogs: Math.max(1, Math.ceil(Number(size) / 120)), paragraphs: 1, seed: 5 };
  writeCorpus(root, generateCorpus(options));
  return { name: size === '10x' ? '10× real' : `${size} small gotchas`, root, ...corpusStats(root) };
}

interface Row {
  corpus: string;
  mib: number;
  tool: string;
  sample: Sample;
  ratio: number;
}

function table(rows: Row[]): string {
  const head = ['corpus', 'tool', 'time (s)', '× bare parse', 'peak RSS (MiB)'];
  const body = rows.map((r) => [r.corpus, r.tool, r.sample.seconds.toFixed(2), Number.isFinite(r.ratio) ? `${r.ratio.toFixed(2)}×` : '—', Number.isFinite(r.sample.rssMiB) ? r.sample.rssMiB.toFixed(0) : '—']);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i >= 2 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(' | ')} |`;
  return [line(head), `|${widths.map((w, i) => (i >= 2 ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`, ...body.map(line)].join('\n');
}

async function benchmark() {
  const { values } = parseArgs({ options: { sizes: { type: 'string', default: 'real,10x,5000' }, repeat: { type: 'string', default: '3' }, 'others-repeat': { type: 'string', default: '1' }, keep: { type: 'boolean', default: false }, baseline: { type: 'string' } } });
  const n = Math.max(1, Number(values.repeat));
  const others = Math.max(1, Number(values['others-repeat']));
  process.stdout.write(`kb-lint benchmark: ${cpus()[0]?.model ?? 'cpu'} × ${availableParallelism()}, Node ${process.version}, median of ${n} (other linters: ${others}), peak RSS from ${TIME ? '/usr/bin/time -v' : 'process.resourceUsage()'}\n\n`);
  const rows: Row[] = [];
  const notes: string[] = [];
  for (const size of values.sizes.split(',')) {
    const corpus = makeCorpus(size.trim());
    process.stderr.write(`${corpus.name}: ${corpus.files} files, ${corpus.mib.toFixed(1)} MiB\n`);
    const label = `${corpus.name} (${corpus.files} files, ${corpus.mib.toFixed(1)} MiB)`;
    const cacheDir = join(corpus.root, '.cache', 'kb-lint');
    const lintArgs = (...extra: string[]) => [...LINT_NODE_FLAGS, join(REPO, 'lint/bin.js'), '--root', corpus.root, '--format', 'json', ...extra];
    const clearCache = () => rmSync(cacheDir, { recursive: true, force: true });

    // One unmeasured run of each Node tool first, so the compile cache holds their code.
    const bareArgs = [fileURLToPath(import.meta.url), '--bare', corpus.root];
    measure(NODE, bareArgs, corpus.root);
    measure(NODE, lintArgs('--no-cache'), corpus.root);
    const plugin = (name: string) => join(REPO, 'node_modules', name, 'index.js');
    // In a round, the warm re-run follows a cold run, so the cache it reads is always this round's.
    const measurements: Measurement[] = [
      { tool: BARE, times: n, run: () => measure(NODE, bareArgs, corpus.root) },
      // The same floor under the V8 flags of lint/bin.js's `#!` line, so a reader can see how much of kb-lint's
      // figures are those flags rather than the engine.
      { tool: "  same, under kb-lint's V8 flags", times: n, run: () => measure(NODE, [...LINT_NODE_FLAGS, ...bareArgs], corpus.root) },
      { tool: 'kb-lint cold (empty cache)', times: n, before: clearCache, run: () => measure(NODE, lintArgs(), corpus.root) },
      { tool: 'kb-lint warm (cache, nothing changed)', times: n, run: () => measure(NODE, lintArgs(), corpus.root) },
      ...baselineRows(values.baseline, corpus.root, clearCache, n),
      { tool: 'markdownlint-cli2', times: others, run: () => measure(BIN('markdownlint-cli2'), ['content/**/*.md'], corpus.root) },
      {
        tool: 'remark-cli (lint-recommended + validate-links)',
        times: others,
        run: () => measure(BIN('remark'), ['--no-config', '--no-ignore', '--quiet', '--no-stdout', '--use', plugin('remark-frontmatter'), '--use', plugin('remark-gfm'), '--use', plugin('remark-preset-lint-recommended'), '--use', plugin('remark-validate-links'), 'content'], corpus.root),
      },
    ];

    if (size.trim() === '5000') {
      // --changed after a one-file edit, with the cache warm from a full run before the edit.
      const git = (...a: string[]) => execFileSync('git', a, { cwd: corpus.root, stdio: 'pipe' });
      git('init', '-q', '-b', 'main');
      writeFileSync(join(corpus.root, '.gitignore'), '.cache/\n');
      git('add', '.');
      git('-c', 'user.email=bench@example.com', '-c', 'user.name=bench', 'commit', '-q', '-m', 'generated corpus');
      const target = execFileSync('git', ['ls-files', 'content/gotchas'], { cwd: corpus.root, encoding: 'utf8' }).split('\n')[0];
      const original = readFileSync(join(corpus.root, target), 'utf8');
      let edit = 0;
      measurements.push({
        tool: 'kb-lint --changed HEAD (1 file edited, cache warm)',
        times: n,
        before: () => {
          writeFileSync(join(corpus.root, target), original);
          measure(NODE, lintArgs(), corpus.root);
          writeFileSync(join(corpus.root, target), `${original}\nOne more line of prose, edit ${++edit}.\n`);
        },
        run: () => measure(NODE, lintArgs('--changed', 'HEAD'), corpus.root),
      });
      notes.push(`--changed edited \`${target}\`.`);
    }
    const samples = inRounds(measurements);
    const bare = samples.get(BARE)!;
    for (const [tool, sample] of samples) rows.push({ corpus: label, mib: corpus.mib, tool, sample, ratio: sample.seconds / bare.seconds });
    if (!values.keep) rmSync(corpus.root, { recursive: true, force: true });
    else notes.push(`${corpus.name} kept in ${corpus.root}`);
  }
  process.stdout.write(`${table(rows)}\n`);
  // Growth: seconds per MiB of input for each tool at each size; flat figures mean linear growth.
  const tools = [...new Set(rows.map((r) => r.tool))];
  const growth = tools.map((tool) => `  ${tool}: ${rows.filter((r) => r.tool === tool).map((r) => `${(r.sample.seconds / r.mib).toFixed(2)} s/MiB at ${r.mib.toFixed(1)} MiB`).join(', ')}`);
  process.stdout.write(`\nTime per MiB of input (flat = linear growth):\n${growth.join('\n')}\n`);
  if (notes.length) process.stdout.write(`\n${notes.join('\n')}\n`);
}

const { values: top } = parseArgs({ strict: false, options: { bare: { type: 'string' } } });
if (typeof top.bare === 'string') await bare(top.bare);
else await benchmark();
