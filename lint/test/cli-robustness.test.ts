/**
 * The command line under paths that cannot be linted: each is one clear `kb-lint:` line (no stack trace)
 * and exit 2, because the user asked for something that does not exist or cannot be read. An existing
 * folder with nothing to lint is not an error: it checks 0 files and exits 0, as `--help` says, so scripts
 * that lint "whatever changed in this folder" do not fail on an empty one.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../src/cli.ts';
import { writeTree } from './corpus.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function project(): string {
  const root = mkdtempSync(join(tmpdir(), 'kb-robust-'));
  dirs.push(root);
  return writeTree(root);
}

async function run(cwd: string, ...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main({ argv: [...argv, '--today', '2026-11', '--no-cache'], cwd, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: {} });
  return { code, stdout, stderr };
}

/** Exit 2, a first line that names the problem, and no stack trace. */
async function refuses(root: string, argv: string[], problem: RegExp) {
  const r = await run(root, ...argv);
  expect(r.code, argv.join(' ')).toBe(2);
  const [first] = r.stderr.split('\n');
  expect(first, argv.join(' ')).toMatch(/^kb-lint: /);
  expect(first, argv.join(' ')).toMatch(problem);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.stdout).toBe('');
}

const asRoot = process.getuid?.() === 0;

describe('kb-lint on paths it cannot lint', () => {
  it('a missing file, folder or glob', async () => {
    const root = project();
    await refuses(root, ['content/gotchas/alpha/al404-missing.md'], /No such file or folder `content\/gotchas\/alpha\/al404-missing\.md`/);
    await refuses(root, ['content/nowhere/'], /No such file or folder `content\/nowhere\/`/);
    await refuses(root, ['content/**/*.nothing'], /No files match `content\/\*\*\/\*\.nothing`/);
  });

  it('a path through a file, where a folder should be', async () => {
    const root = project();
    await refuses(root, ['content/catalogs/alpha.md/inner.md'], /a part of the path is a file, not a folder/);
  });

  it('a file that cannot be read: a FIFO (which would block a plain read), or mode 000 when not root', async () => {
    const root = project();
    const fifo = join(root, 'content/gotchas/alpha/al7-fifo.md');
    execFileSync('mkfifo', [fifo]);
    await refuses(root, ['content/gotchas/alpha/al7-fifo.md'], /Not a regular file or folder/);
    if (!asRoot) {
      // Root reads a mode-000 file anyway; only another user can prove the permission check.
      const locked = join(root, 'content/gotchas/alpha/al8-locked.md');
      writeFileSync(locked, '---\nid: AL8\n---\n');
      chmodSync(locked, 0o000);
      await refuses(root, ['content/gotchas/alpha/al8-locked.md'], /permission denied/);
    }
  });

  it('a FIFO the corpus glob finds is a positioned-by-file finding, never a hang', async () => {
    const root = project();
    execFileSync('mkfifo', [join(root, 'content/gotchas/alpha/al7-fifo.md')]);
    const r = await run(root, '--format', 'json');
    expect(r.code).toBe(1);
    const findings = JSON.parse(r.stdout) as { file: string; ruleId: string; message: string }[];
    expect(findings.filter((f) => f.file === 'content/gotchas/alpha/al7-fifo.md').map((f) => `${f.ruleId} ${f.message}`)).toEqual(['readable-file Cannot read file: not a regular file (a FIFO)']);
  });

  it('a symbolic link loop, as a file and as --root', async () => {
    const root = project();
    symlinkSync(join(root, 'loop-a.md'), join(root, 'loop-b.md'));
    symlinkSync(join(root, 'loop-b.md'), join(root, 'loop-a.md'));
    await refuses(root, ['loop-a.md'], /Cannot read `loop-a\.md`: symbolic link loop/);
    await refuses(root, ['--root', 'loop-a.md'], /Cannot read --root `loop-a\.md`: symbolic link loop/);
  });

  it('a --root that is missing or is a file', async () => {
    const root = project();
    await refuses(root, ['--root', 'no-such-dir'], /No such folder for --root: `no-such-dir`/);
    await refuses(root, ['--root', 'content/catalogs/alpha.md'], /Not a folder for --root/);
  });

  it('--changed with a ref that does not exist, and outside any git repository', async () => {
    const root = project();
    await refuses(root, ['--changed', 'HEAD'], /--changed needs a git repository/);
    const git = (...a: string[]) => execFileSync('git', a, { cwd: root, stdio: 'pipe' });
    git('init', '-q', '-b', 'main');
    git('add', '.');
    git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-q', '-m', 'base');
    await refuses(root, ['--changed', 'no-such-branch'], /Unknown git ref `no-such-branch` for --changed/);
    const clean = await run(root, '--changed', 'HEAD');
    expect(clean.code).toBe(0);
    expect(clean.stderr).toContain('0 file(s) checked');
  });

  it('an empty folder checks nothing and passes, and says so', async () => {
    const root = project();
    mkdirSync(join(root, 'content/gotchas/empty'));
    const r = await run(root, 'content/gotchas/empty');
    expect(r.code).toBe(0);
    expect(r.stderr.trim()).toBe('0 file(s) checked');
  });
});
