/**
 * The fuzz suite with a clock: the hostile documents of lint/test/fuzz-cases.ts (the property test's
 * generators, up to 1 MiB a document), each linted on its own beside the base corpus, in a child process that
 * a watchdog kills when one file takes longer than the per-file limit. Prints documents, crashes (a throw out
 * of the linter), hangs (the limit passed), the slowest file and the child's peak memory. Then the cases that
 * need a real file system or a whole run (a FIFO, a link out of the repository, names a URL cannot carry, a
 * 60 MiB page, YAML alias bombs), each as `kb-lint` on a project of its own: it must exit 1 or 2 within the
 * limit and name the file. The load average is sampled while the documents run, since the machine may be
 * shared. Figures are for reading; the exit code is 1 only when there was a crash, a hang,
 * or a process case that did not exit as it should.
 *
 * Usage: node bench/fuzz.ts [--count 10000] [--limit-ms 10000] [--seed 20261204]
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { count: { type: 'string', default: '10000' }, 'limit-ms': { type: 'string', default: '10000' }, seed: { type: 'string', default: '20261204' }, child: { type: 'string' } } });
const count = Number(values.count);
const seed = Number(values.seed);

/** In the child: lint documents from `start` on, one line per document, then the peak RSS. */
async function child(start: number) {
  const fc = (await import('fast-check')).default;
  const { benchCase, lintFiles, materialise } = await import('../lint/test/fuzz-cases.ts');
  const cases = fc.sample(benchCase, { numRuns: count, seed });
  for (let i = start; i < count; i++) {
    const files = materialise([cases[i]]);
    const t = performance.now();
    try {
      await lintFiles(files, [...files.keys()]);
      process.stdout.write(`ok ${i} ${(performance.now() - t).toFixed(1)} ${cases[i].breaking.name}\n`);
    } catch (error) {
      process.stdout.write(`crash ${i} ${cases[i].breaking.name} ${String((error as Error).message).split('\n')[0]}\n`);
    }
  }
  process.stdout.write(`rss ${process.resourceUsage().maxRSS}\n`);
}

async function parent() {
  const limit = Number(values['limit-ms']);
  let next = 0;
  let peakKiB = 0;
  const crashes: string[] = [];
  const hangs: string[] = [];
  let slowest = { ms: 0, what: '' };
  const started = performance.now();
  // The machine may be shared: the per-file times mean little without the load they were taken under.
  const loads = [loadavg()[0]];
  const sampler = setInterval(() => loads.push(loadavg()[0]), 30_000);
  while (next < count) {
    const proc = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--child', String(next), '--count', String(count), '--seed', String(seed)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let timer: NodeJS.Timeout | undefined;
    // The first document also waits for the child to load the linter.
    const arm = (ms: number) => {
      clearTimeout(timer);
      timer = setTimeout(() => proc.kill('SIGKILL'), ms);
    };
    arm(limit + 20_000);
    for await (const line of createInterface({ input: proc.stdout })) {
      const [kind, a, b, ...rest] = line.split(' ');
      if (kind === 'rss') peakKiB = Math.max(peakKiB, Number(a));
      else {
        next = Number(a) + 1;
        if (kind === 'crash') crashes.push(`#${a} ${b}: ${rest.join(' ')}`);
        else if (Number(b) > slowest.ms) slowest = { ms: Number(b), what: `#${a} ${rest.join(' ')}` };
        if (next % 1000 === 0) process.stderr.write(`  ${next} documents\n`);
      }
      arm(limit);
    }
    clearTimeout(timer);
    const code = await new Promise<number | null>((done) => (proc.exitCode !== null || proc.signalCode !== null ? done(proc.exitCode) : proc.on('exit', done)));
    if (next < count) {
      // Killed by the watchdog (or died): the document it was on is a hang; carry on after it.
      hangs.push(`#${next}${code === null ? '' : ` (exit ${code})`}`);
      next++;
    }
  }
  clearInterval(sampler);
  loads.push(loadavg()[0]);
  const seconds = (performance.now() - started) / 1000;
  const processCases = await runProcessCases(limit);
  process.stdout.write(
    [
      `kb-lint fuzz: ${count} documents (seed ${seed}) in ${seconds.toFixed(0)} s, per-file limit ${limit} ms`,
      `crashes: ${crashes.length}${crashes.length ? `\n  ${crashes.slice(0, 20).join('\n  ')}` : ''}`,
      `hangs: ${hangs.length}${hangs.length ? ` (${hangs.slice(0, 20).join(', ')})` : ''}`,
      `slowest file: ${slowest.ms.toFixed(0)} ms (${slowest.what})`,
      `peak RSS of the linting process: ${(peakKiB / 1024).toFixed(0)} MiB`,
      `1-minute load average while it ran: ${Math.min(...loads).toFixed(1)}-${Math.max(...loads).toFixed(1)} (median ${[...loads].sort((a, b) => a - b)[Math.floor(loads.length / 2)].toFixed(1)}) on ${availableParallelism()} CPUs`,
      `process cases (kb-lint on a project of its own, exit 1 or 2 naming the file within ${limit} ms):`,
      ...processCases.map((c) => `  ${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: exit ${c.exit}, ${c.ms.toFixed(0)} ms${c.ok ? '' : ` (${c.why})`}`),
      '',
    ].join('\n'),
  );
  process.exitCode = crashes.length || hangs.length || processCases.some((c) => !c.ok) ? 1 : 0;
}

const LINT = fileURLToPath(new URL('../lint/bin.js', import.meta.url));

/** Cases that need files on disk: each writes a small project, runs kb-lint on it, and checks exit and message. */
async function runProcessCases(limit: number) {
  const { baseCorpus, GOTCHA } = await import('../lint/test/corpus.ts');
  const page = (extraYaml: string, body?: string) => GOTCHA('AL9', extraYaml, body);
  const cases: { name: string; file: string; make: (root: string, file: string) => void }[] = [
    { name: 'a FIFO in content/', file: 'content/gotchas/alpha/al9-fifo.md', make: (root, file) => mkfifo(join(root, file)) },
    { name: 'a FIFO in scripts/', file: 'scripts/fifo.sh', make: (root, file) => mkfifo(join(root, file)) },
    { name: 'a page linked from outside the repository', file: 'content/gotchas/alpha/al9-linked.md', make: (root, file) => symlinkSync('/etc/hostname', join(root, file)) },
    { name: 'a name with `?`', file: 'content/gotchas/alpha/al9-what?.md', make: (root, file) => write(root, file, page('')) },
    { name: 'a name with `#`', file: 'content/gotchas/alpha/al9-#1.md', make: (root, file) => write(root, file, page('')) },
    { name: 'a 60 MiB page', file: 'content/gotchas/alpha/al9-huge.md', make: (root, file) => write(root, file, page('', `## Symptom\n\n${'word '.repeat(12 * 1024 * 1024)}\n`)) },
    { name: '60 aliases behind bare CR line breaks', file: 'content/gotchas/alpha/al9-cr.md', make: (root, file) => write(root, file, page(`a: &a [x, x]\r${Array.from({ length: 60 }, (_, i) => `b${i}:\r  - *a`).join('\r')}\n`)) },
    { name: 'a 45-alias tree in `cost:`', file: 'content/gotchas/alpha/al9-tree.md', make: (root, file) => write(root, file, page(`l0: &l0 [data, data]\n${Array.from({ length: 22 }, (_, i) => `l${i + 1}: &l${i + 1} [*l${i}, *l${i}]`).join('\n')}\ncost: [*l22, *l22]\n`).replace(/^cost: .*\n/m, '')) },
    { name: '120 KB of alternating `*_`', file: 'content/gotchas/alpha/al9-pairs.md', make: (root, file) => write(root, file, page('', `## Symptom\n\n${'*_'.repeat(60_000)}\n`)) },
    { name: '`]`×200,000', file: 'content/gotchas/alpha/al9-brackets.md', make: (root, file) => write(root, file, page('', `## Symptom\n\n${']'.repeat(200_000)}\n`)) },
  ];
  const results = [];
  for (const c of cases) {
    const root = mkdtempSync(join(tmpdir(), 'kb-fuzz-fs-'));
    try {
      for (const [p, text] of Object.entries(baseCorpus())) write(root, p, text);
      c.make(root, c.file);
      const t = performance.now();
      const r = spawnSync(process.execPath, [LINT, '--root', root, '--today', '2026-11', '--no-cache'], { encoding: 'utf8', timeout: limit, killSignal: 'SIGKILL', maxBuffer: 64 << 20 });
      const ms = performance.now() - t;
      const named = `${r.stdout}${r.stderr}`.includes(c.file);
      const exit = r.status;
      const why = r.signal ? `killed after ${limit} ms` : exit !== 1 && exit !== 2 ? 'expected exit 1 or 2' : !named ? 'the file is not named' : '';
      results.push({ name: c.name, exit, ms, ok: !why, why });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }
  return results;
}

function write(root: string, path: string, text: string) {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

function mkfifo(path: string) {
  mkdirSync(dirname(path), { recursive: true });
  if (spawnSync('mkfifo', [path]).status !== 0) throw new Error(`mkfifo ${path} failed`);
}

if (values.child !== undefined) await child(Number(values.child));
else await parent();
