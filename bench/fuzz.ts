/**
 * The fuzz suite with a clock: the hostile documents of lint/test/fuzz-cases.ts (the property test's
 * generators), each linted on its own beside the base corpus, in a child process that a watchdog kills when
 * one file takes longer than the per-file limit. Prints documents, crashes (a throw out of the linter),
 * hangs (the limit passed), the slowest file and the child's peak memory. Figures are for reading; the exit
 * code is 1 only when there was a crash or a hang.
 *
 * Usage: node bench/fuzz.ts [--count 10000] [--limit-ms 10000] [--seed 20261204]
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { count: { type: 'string', default: '10000' }, 'limit-ms': { type: 'string', default: '10000' }, seed: { type: 'string', default: '20261204' }, child: { type: 'string' } } });
const count = Number(values.count);
const seed = Number(values.seed);

/** In the child: lint documents from `start` on, one line per document, then the peak RSS. */
async function child(start: number) {
  const fc = (await import('fast-check')).default;
  const { anyCase, lintFiles, materialise } = await import('../lint/test/fuzz-cases.ts');
  const cases = fc.sample(anyCase, { numRuns: count, seed });
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
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(
    [
      `kb-lint fuzz: ${count} documents (seed ${seed}) in ${seconds.toFixed(0)} s, per-file limit ${limit} ms`,
      `crashes: ${crashes.length}${crashes.length ? `\n  ${crashes.slice(0, 20).join('\n  ')}` : ''}`,
      `hangs: ${hangs.length}${hangs.length ? ` (${hangs.slice(0, 20).join(', ')})` : ''}`,
      `slowest file: ${slowest.ms.toFixed(0)} ms (${slowest.what})`,
      `peak RSS of the linting process: ${(peakKiB / 1024).toFixed(0)} MiB`,
      '',
    ].join('\n'),
  );
  process.exitCode = crashes.length || hangs.length ? 1 : 0;
}

if (values.child !== undefined) await child(Number(values.child));
else await parent();
