/** The CLI end to end on temporary project folders: formats, exit codes, --changed in a real git repo, --fix. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../src/cli.ts';
import { baseCorpus, GOTCHA, PROFILE, restamp, writeTree } from './corpus.ts';
import { contentHash } from '../src/rules/translation/index.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function project(files: Record<string, string> = baseCorpus()): string {
  const root = mkdtempSync(join(tmpdir(), 'kb-lint-'));
  dirs.push(root);
  return writeTree(root, files);
}

async function run(cwd: string, ...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main({ argv: [...argv, '--today', '2026-11'].filter((a, i, all) => !(a === '--today' && all.indexOf('--today') !== i)), cwd, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: {} });
  return { code, stdout, stderr };
}

const BAD = { 'content/gotchas/alpha/al3-bad.md': GOTCHA('AL3').replace('https://example.com/docs/AL3', 'http://example.com/docs') };

describe('kb-lint CLI', () => {
  it('exits 0 on a clean project and says how many files it checked', async () => {
    const r = await run(project());
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('6 file(s) checked');
  });

  it('text: vfile-reporter layout on stderr, exit 1 on errors', async () => {
    const r = await run(project({ ...baseCorpus(), ...BAD }));
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/content\/gotchas\/alpha\/al3-bad\.md\n\s*10:10-10:33\s+error\s+Expected an `https:` URL/);
    expect(r.stderr).toMatch(/1 error/);
  });

  it('json: a stable array on stdout', async () => {
    const r = await run(project({ ...baseCorpus(), ...BAD }), '--format', 'json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual([
      { file: 'content/gotchas/alpha/al3-bad.md', line: 10, column: 10, endLine: 10, endColumn: 33, ruleId: 'source-url', severity: 'error', message: 'Expected an `https:` URL, got `http://example.com/docs` in `sources.0.url`', url: 'http://localhost:4321/lint/source-url/', fixable: false },
    ]);
  });

  it('github: workflow commands with escaped properties, and a job summary', async () => {
    const root = project({ ...baseCorpus(), ...BAD });
    const summary = join(root, 'summary.md');
    let stdout = '';
    const code = await main({ argv: ['--format', 'github', '--today', '2026-11'], cwd: root, stdout: (t) => (stdout += t), stderr: () => {}, env: { GITHUB_STEP_SUMMARY: summary } });
    expect(code).toBe(1);
    expect(stdout).toBe('::error file=content/gotchas/alpha/al3-bad.md,line=10,endLine=10,col=10,endColumn=33,title=source-url::Expected an `https:` URL, got `http://example.com/docs` in `sources.0.url`\n');
    expect(readFileSync(summary, 'utf8')).toContain('| error | `content/gotchas/alpha/al3-bad.md:10:10` |');
  });

  it('sarif: SARIF 2.1.0 with every rule once and a region per result', async () => {
    const r = await run(project({ ...baseCorpus(), ...BAD }), '--format', 'sarif');
    const log = JSON.parse(r.stdout);
    expect(log.version).toBe('2.1.0');
    const run0 = log.runs[0];
    const ruleIds = run0.tool.driver.rules.map((x: { id: string }) => x.id);
    expect(new Set(ruleIds).size).toBe(ruleIds.length);
    expect(run0.results).toHaveLength(1);
    expect(run0.results[0]).toMatchObject({ ruleId: 'source-url', level: 'error', locations: [{ physicalLocation: { artifactLocation: { uri: 'content/gotchas/alpha/al3-bad.md' }, region: { startLine: 10, startColumn: 10 } } }] });
    expect(run0.tool.driver.rules[run0.results[0].ruleIndex].id).toBe('source-url');
    expect(run0.results[0].partialFingerprints['kbLint/v2']).toMatch(/^[0-9a-f]{32}$/);
  });

  it('sarif: a stamp keeps its fingerprint as it ages, so code scanning keeps one alert for it', async () => {
    const root = project({ ...baseCorpus(), 'content/gotchas/alpha/al3-old.md': GOTCHA('AL3').replace('verified: 2026-09', 'verified: 2025-01') });
    const print = async (today: string) => {
      let stdout = '';
      await main({ argv: ['--format', 'sarif', '--today', today], cwd: root, stdout: (t) => (stdout += t), stderr: () => {}, env: {} });
      const log = JSON.parse(stdout);
      return log.runs[0].results.filter((x: { ruleId: string }) => x.ruleId === 'verified-stamp').map((x: { message: { text: string }; partialFingerprints: Record<string, string> }) => [x.message.text, x.partialFingerprints['kbLint/v2']]);
    };
    const [[messageA, printA]] = await print('2026-11');
    const [[messageB, printB]] = await print('2026-12');
    expect(messageA).not.toBe(messageB);
    expect(printA).toBe(printB);
  });

  it('warnings alone exit 0', async () => {
    const old = { 'content/gotchas/alpha/al3-old.md': restamp(GOTCHA('AL3'), '2026-03') };
    const r = await run(project({ ...baseCorpus(), ...old }));
    expect(r.stderr).toContain('warning');
    expect(r.code).toBe(0);
  });

  it('usage errors: one line and exit 2', async () => {
    const root = project();
    for (const argv of [['--format', 'xml'], ['--max-age', 'soon'], ['--rule', 'nope=off'], ['--rule', 'cross-ref'], ['--bogus'], ['missing.md'], ['--changed', 'no-such-ref'], ['content/**/*.txt']]) {
      const r = await run(root, ...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')[0]).toMatch(/^kb-lint: /);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('a symlink loop and an empty folder are clear, not crashes', async () => {
    const root = project();
    symlinkSync(join(root, 'loop-a'), join(root, 'loop-b'));
    symlinkSync(join(root, 'loop-b'), join(root, 'loop-a'));
    const loop = await run(root, 'loop-a');
    expect(loop.code).toBe(2);
    expect(loop.stderr).toContain('symbolic link loop');
    mkdirSync(join(root, 'empty'));
    const empty = await run(root, 'empty');
    expect(empty.code).toBe(0);
    expect(empty.stderr).toContain('0 file(s) checked');
  });

  it('--help documents formats and exit codes and exits 0; --list-rules lists them all', async () => {
    const help = await run(project(), '--help');
    expect(help.code).toBe(0);
    for (const word of ['--format', '--changed', '--max-age', '--rule', '--fix', 'Exit codes']) expect(help.stdout).toContain(word);
    const list = await run(project(), '--list-rules');
    expect(list.stdout.trim().split('\n').length).toBeGreaterThanOrEqual(10);
  });

  it('--rule downgrades a rule to a warning', async () => {
    const r = await run(project({ ...baseCorpus(), ...BAD }), '--rule', 'source-url=warn');
    expect(r.code).toBe(0);
  });

  it('--changed reports only files changed since a ref, resolving links against everything', async () => {
    const root = project();
    const git = (...a: string[]) => execFileSync('git', a, { cwd: root, stdio: 'pipe' });
    git('init', '-q', '-b', 'main');
    git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-q', '--allow-empty', '-m', 'empty');
    git('add', '.');
    git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-q', '-m', 'base');
    writeFileSync(join(root, 'content/gotchas/alpha/al1-disk-full.md'), GOTCHA('AL1', 'related: [AL2, AL77]\n'));
    writeFileSync(join(root, 'content/gotchas/alpha/al3-new.md'), restamp(GOTCHA('AL3', 'related: [AL1]\n'), '2026-11'));
    writeFileSync(join(root, 'content/gotchas/alpha/al2-disk-full-again.md'), '---\nbroken: [\n---\n');
    git('add', 'content/gotchas/alpha/al2-disk-full-again.md');
    git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-q', '-m', 'break al2');
    const r = await run(root, '--changed', 'HEAD', '--format', 'json');
    const files = [...new Set(JSON.parse(r.stdout).map((f: { file: string }) => f.file))];
    expect(files).toEqual(['content/gotchas/alpha/al1-disk-full.md']);
    const all = await run(root, '--changed', 'HEAD~1', '--format', 'json');
    expect([...new Set(JSON.parse(all.stdout).map((f: { file: string }) => f.file))].sort()).toEqual(['content/gotchas/alpha/al1-disk-full.md', 'content/gotchas/alpha/al2-disk-full-again.md']);
  });

  it('--changed warns on the translation of an English page the change touched (the PR check), and only then', async () => {
    const zh = readFileSync(new URL('../src/rules/translation/fixtures/ok-profile.md', import.meta.url), 'utf8').replace('SHA256', contentHash(PROFILE()));
    const root = project({ ...baseCorpus(), 'content/i18n/zh-cn/profiles/box.md': zh });
    const git = (...a: string[]) => execFileSync('git', a, { cwd: root, stdio: 'pipe' });
    git('init', '-q', '-b', 'main');
    git('add', '.');
    git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-q', '-m', 'base');
    expect(JSON.parse((await run(root, '--changed', 'HEAD', '--format', 'json')).stdout)).toEqual([]);
    writeFileSync(join(root, 'content/profiles/box.md'), PROFILE().replace('Something true about storage.', 'Something newly checked about storage.'));
    const r = await run(root, '--changed', 'HEAD', '--format', 'github');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^::warning file=content\/i18n\/zh-cn\/profiles\/box\.md,line=24,.*Translation behind its original: `content\/profiles\/box\.md` changed/m);
  });

  it('--changed holds gotchas the change adds to a fresh verified month, and leaves old ones to the age rules', async () => {
    const root = project({ ...baseCorpus(), 'content/gotchas/alpha/al1-disk-full.md': restamp(GOTCHA('AL1', 'related: [AL2]\n'), '2026-06') });
    const git = (...a: string[]) => execFileSync('git', a, { cwd: root, stdio: 'pipe' });
    git('init', '-q', '-b', 'main');
    git('add', '.');
    git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-q', '-m', 'base');
    writeFileSync(join(root, 'content/gotchas/alpha/al1-disk-full.md'), restamp(GOTCHA('AL1', 'related: [AL2]\n'), '2026-06').replace('small system disk', 'small root disk'));
    writeFileSync(join(root, 'content/gotchas/alpha/al3-new.md'), restamp(GOTCHA('AL3'), '2026-06'));
    writeFileSync(join(root, 'content/gotchas/alpha/al4-newer.md'), restamp(GOTCHA('AL4'), '2026-10'));
    const r = await run(root, '--changed', 'HEAD', '--format', 'json');
    const errors = JSON.parse(r.stdout).filter((f: { severity: string }) => f.severity === 'error');
    expect(errors.map((f: { file: string; line: number; message: string }) => `${f.file}:${f.line} ${f.message}`)).toEqual([
      'content/gotchas/alpha/al3-new.md:13 Unexpected `verified: 2026-06` on a new gotcha, expected the month its facts were checked (`2026-10` or later)',
    ]);
    expect(r.code).toBe(1);
  });

  it('--changed refuses a new gotcha that is carried over rather than checked', async () => {
    const root = project();
    const git = (...a: string[]) => execFileSync('git', a, { cwd: root, stdio: 'pipe' });
    git('init', '-q', '-b', 'main');
    git('add', '.');
    git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-q', '-m', 'base');
    writeFileSync(join(root, 'content/gotchas/alpha/al3-new.md'), GOTCHA('AL3').replace('verified: 2026-09\n', 'carried_over:\n  from: Hanyuyuan6/remote-gpu-trainer@2853286\n  as_of: 2026-07\n'));
    const r = await run(root, '--changed', 'HEAD', '--format', 'json');
    const errors = JSON.parse(r.stdout).filter((f: { severity: string }) => f.severity === 'error');
    expect(errors.map((f: { file: string; line: number; message: string }) => `${f.file}:${f.line} ${f.message}`)).toEqual([
      'content/gotchas/alpha/al3-new.md:13 Unexpected `carried_over` on a new gotcha, expected `verified` with a source quoted and checked this month',
    ]);
    expect(r.code).toBe(1);
  });

  it('--fix rewrites stamp formats atomically and leaves prose alone', async () => {
    const root = project({ ...baseCorpus(), 'content/gotchas/alpha/al3-fix.md': GOTCHA('AL3').replace('verified: 2026-09', 'verified: 2026/9').replace('## Fix\n', '## Fix\n\nThe disk (verified 2026-7) is small.\n') });
    const r = await run(root, '--fix');
    expect(r.code).toBe(0);
    const text = readFileSync(join(root, 'content/gotchas/alpha/al3-fix.md'), 'utf8');
    expect(text).toContain('verified: 2026-09');
    expect(text).toContain('The disk (verified 2026-07) is small.');
    expect(execFileSync('ls', ['-a', join(root, 'content/gotchas/alpha')]).toString()).not.toContain('.tmp');
  });
});
