/**
 * `npm test`: every suite of the project, then one closing line `N passed, N failed` for CI.
 *   1. system packages (Chromium, shellcheck) — installed when missing and root, else a clear failure
 *   2. vitest: lint rules and CLI, schemas, the site build on fixtures, the real site in Chromium
 *   2b. tsc --noEmit over the TypeScript sources
 *   3. bats: the shell templates and the workflow helper script, shellcheck included
 *   4. originality of content/ and scripts/ against the upstream knowledge base, when its tool is beside the repo
 * It ends by naming each failed test (tools/test-report.ts), since CI shows only the tail of the log.
 * Usage: node tools/test.ts [--skip-e2e]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { batsFailures, vitestFailures, type VitestReport } from './test-report.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const skipE2e = process.argv.includes('--skip-e2e');

interface Tally { suite: string; passed: number; failed: number; note?: string }
const tallies: Tally[] = [];
/** One line per failed test or test file, repeated at the end: CI shows only the tail of a long log. */
const problems: string[] = [];

function run(cmd: string, args: string[], opts: { capture?: boolean } = {}) {
  console.log(`\n$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: opts.capture ? ['ignore', 'pipe', 'inherit'] : 'inherit', encoding: 'utf8', env: process.env });
  if (opts.capture && r.stdout) process.stdout.write(r.stdout);
  return { code: r.status ?? 1, stdout: r.stdout ?? '' };
}

mkdirSync(join(ROOT, '.cache'), { recursive: true });
rmSync(join(ROOT, '.cache/test-summary.txt'), { force: true });

// 1. System packages.
const deps = run('bash', ['tools/system-deps.sh']);
if (deps.code !== 0) tallies.push({ suite: 'system packages', passed: 0, failed: 1, note: 'missing system packages (see above)' });

// 2. vitest, one project at a time: the site builds use both cores, and lint timings should not compete with them.
mkdirSync(join(ROOT, '.cache'), { recursive: true });
for (const project of ['lint', 'site', ...(skipE2e ? [] : ['e2e'])]) {
  const report = join(ROOT, `.cache/vitest-${project}.json`);
  rmSync(report, { force: true });
  const vitest = run(process.execPath, [join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile=${report}`]);
  if (existsSync(report)) {
    const json = JSON.parse(readFileSync(report, 'utf8')) as VitestReport;
    const failures = vitestFailures(json, `vitest ${project}`, ROOT);
    problems.push(...failures);
    // A file that failed to load (or an error outside any test) has no failed test to count: count it as a failure.
    const unexplained = vitest.code !== 0 && failures.length === 0 ? 1 : 0;
    if (unexplained) problems.push(`vitest ${project}: exited ${vitest.code} with no failed test in its report (an unhandled error: see its output above)`);
    tallies.push({ suite: `vitest ${project}`, passed: json.numPassedTests, failed: failures.length + unexplained });
  } else {
    tallies.push({ suite: `vitest ${project}`, passed: 0, failed: 1, note: 'vitest wrote no report' });
  }
}

// 2b. Types: strict TypeScript over lint/, site/ helpers, tests and tools (Astro components are checked by the build).
const tsc = run(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', 'tsconfig.json'], { capture: true });
problems.push(...tsc.stdout.split('\n').filter((line) => /: error TS\d+:/.test(line)).slice(0, 10).map((line) => `typecheck: ${line}`));
tallies.push({ suite: 'typecheck', passed: tsc.code === 0 ? 1 : 0, failed: tsc.code === 0 ? 0 : 1 });

// 3. bats suites (each run prints its own `N passed, N failed`).
const batsFiles = ['scripts/test', '.github/scripts/test'].filter((d) => existsSync(join(ROOT, d))).flatMap((d) => readdirSync(join(ROOT, d)).filter((f) => f.endsWith('.bats')).map((f) => `${d}/${f}`));
if (batsFiles.length) {
  const bats = run('bash', ['scripts/test/run.sh', ...batsFiles], { capture: true });
  const m = /^(\d+) passed, (\d+) failed\s*$/m.exec(bats.stdout.trim().split('\n').at(-1) ?? '');
  problems.push(...batsFailures(bats.stdout, 'bats'));
  tallies.push(m ? { suite: 'bats', passed: Number(m[1]), failed: Number(m[2]) } : { suite: 'bats', passed: 0, failed: 1, note: 'no summary line' });
}

// 4. Originality: the tool ships beside the repository (../shared/tools) on the team's machines and in CI.
const tool = [join(ROOT, '../shared/tools/originality.mjs'), process.env.KB_ORIGINALITY_TOOL ?? ''].find((p) => p && existsSync(p));
if (tool) {
  const o = run(process.execPath, [tool, '--min', '0.03', 'content', 'scripts']);
  tallies.push({ suite: 'originality', passed: o.code === 0 ? 1 : 0, failed: o.code === 0 ? 0 : 1 });
} else {
  console.log('\noriginality: tool not found at ../shared/tools/originality.mjs (set KB_ORIGINALITY_TOOL); not counted');
}

if (problems.length) {
  console.log('\nFailed');
  for (const line of problems) console.log(`  ${line}`);
}
console.log('\nSummary');
for (const t of tallies) console.log(`  ${t.suite.padEnd(16)} ${t.passed} passed, ${t.failed} failed${t.note ? ` (${t.note})` : ''}`);
const passed = tallies.reduce((n, t) => n + t.passed, 0);
const failed = tallies.reduce((n, t) => n + t.failed, 0);
const summary = `${passed} passed, ${failed} failed`;
writeFileSync(join(ROOT, '.cache/test-summary.txt'), `${summary}\n`);
console.log(summary);
process.exitCode = failed ? 1 : 0;
