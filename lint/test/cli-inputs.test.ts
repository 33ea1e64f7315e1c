/**
 * What users and pull requests hand the CLI that it used to get wrong (issue 22 "Smaller", issue 25
 * "Correctness"): a byte order mark under --fix, a file named like a glob, file names with control or bidi
 * characters, a symbolic link out of the repository, `--rule verified-stamp=warn` with --changed, and a bare
 * date where a string belongs.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli.ts';
import { baseCorpus, GOTCHA, tempDirs, writeTree } from './corpus.ts';

const temp = tempDirs('kb-cli-inputs-');
const project = (files: Record<string, string> = baseCorpus()) => writeTree(temp(), files);

async function run(cwd: string, ...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main({ argv: [...argv, '--today', '2026-11'], cwd, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: {} });
  return { code, stdout, stderr };
}

describe('kb-lint on awkward inputs', () => {
  it('--fix on a file that starts with a byte order mark edits the right characters and keeps the mark', async () => {
    const path = 'content/gotchas/alpha/al3-bom.md';
    const root = project({ ...baseCorpus(), [path]: `\uFEFF${GOTCHA('AL3').replace('verified: 2026-09', 'verified: 2026/9')}` });
    expect((await run(root, '--fix')).code).toBe(0);
    const text = readFileSync(join(root, path), 'utf8');
    expect(text.startsWith('\uFEFF---\n')).toBe(true);
    expect(text).toContain('\nverified: 2026-09\n');
  });

  it('takes an operand that names an existing file literally, brackets and all', async () => {
    const path = 'content/gotchas/alpha/[al3]-draft.md';
    const root = project({ ...baseCorpus(), [path]: '---\nid: AL3\n---\n' });
    // As a glob, `[al3]` would match `a`, `l` or `3` and find nothing.
    const r = await run(root, path, '--format', 'json');
    expect(r.stderr).toBe('');
    expect(new Set(JSON.parse(r.stdout).map((f: { file: string }) => f.file))).toEqual(new Set([path]));
  });

  it('prints control and bidi characters in file names as escapes', async () => {
    const path = 'content/gotchas/alpha/al3-\u202eevil\u001b[2J.md';
    const root = project({ ...baseCorpus(), [path]: '---\nid: AL3\n---\n' });
    const r = await run(root);
    expect(r.stderr).not.toMatch(/[\u001b\u202e]/);
    expect(r.stderr).toContain('al3-\\u{202e}evil\\u{1b}[2J.md');
  });

  it('reports a symbolic link out of the repository and never reads its target', async () => {
    const outside = temp();
    writeFileSync(join(outside, 'secret.md'), '---\nid: AL3\ntitle: "SECRET-CONTENT"\n---\n');
    const root = project();
    symlinkSync(join(outside, 'secret.md'), join(root, 'content/gotchas/alpha/al3-link.md'));
    mkdirSync(join(root, 'content/references'), { recursive: true });
    symlinkSync('/etc/passwd', join(root, 'content/references/passwd.md'));
    const r = await run(root, '--format', 'json');
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain('SECRET-CONTENT');
    expect(r.stdout).not.toContain('root:');
    const findings = JSON.parse(r.stdout) as { file: string; ruleId: string; message: string; line: number }[];
    for (const file of ['content/gotchas/alpha/al3-link.md', 'content/references/passwd.md']) {
      expect(findings.filter((f) => f.file === file)).toEqual([expect.objectContaining({ ruleId: 'readable-file', line: 1, message: expect.stringMatching(/symbolic link to a file outside the repository/) })]);
    }
  });

  it('--changed with --rule verified-stamp=warn makes a stale new gotcha a warning, not an error', async () => {
    const root = project();
    const git = (...a: string[]) => execFileSync('git', a, { cwd: root, stdio: 'pipe' });
    git('init', '-q', '-b', 'main');
    git('add', '.');
    git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-q', '-m', 'base');
    writeFileSync(join(root, 'content/gotchas/alpha/al3-new.md'), GOTCHA('AL3').replace('verified: 2026-09', 'verified: 2026-06'));
    const strict = await run(root, '--changed', 'HEAD', '--format', 'json');
    expect(strict.code).toBe(1);
    const soft = await run(root, '--changed', 'HEAD', '--format', 'json', '--rule', 'verified-stamp=warn');
    expect(soft.code).toBe(0);
    expect(JSON.parse(soft.stdout).some((f: { message: string; severity: string }) => /on a new gotcha/.test(f.message) && f.severity === 'warning')).toBe(true);
  });

  it('fails `title: 2026-06-01` as the site build does (js-yaml reads a Date)', async () => {
    const root = project({ ...baseCorpus(), 'content/gotchas/alpha/al3-date.md': GOTCHA('AL3').replace(/^title: .*$/m, 'title: 2026-06-01') });
    const r = await run(root, '--format', 'json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toContainEqual(expect.objectContaining({ file: 'content/gotchas/alpha/al3-date.md', ruleId: 'frontmatter-schema', line: 3 }));
  });
});
