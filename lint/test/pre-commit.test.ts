/** tools/git-hooks/pre-commit: lints the staged content files only, and stops a commit on errors. */
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { baseCorpus, GOTCHA, tempDirs, writeTree } from './corpus.ts';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const HOOK = join(REPO, 'tools/git-hooks/pre-commit');
const temp = tempDirs('kb-hook-');

describe('the pre-commit hook', () => {
  it('lints what is staged, passes clean or unrelated commits and stops one with errors', () => {
    const root = writeTree(temp(), baseCorpus());
    const git = (...a: string[]) => execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...a], { cwd: root, stdio: 'pipe' });
    git('init', '-q', '-b', 'main');
    git('add', '.');
    git('commit', '-q', '-m', 'base');
    const env = { ...process.env, PATH: `${join(REPO, 'node_modules/.bin')}:${process.env.PATH}`, KB_LINT: `node ${join(REPO, 'lint/bin.js')} --today 2026-11` };
    const hook = () => spawnSync(HOOK, { cwd: root, env, encoding: 'utf8' });

    writeFileSync(join(root, 'notes.txt'), 'not content\n');
    git('add', 'notes.txt');
    expect(hook().status).toBe(0);

    // An unstaged broken file is not this commit's business.
    writeFileSync(join(root, 'content/gotchas/alpha/al4-unstaged.md'), '---\nid: AL4\n---\n');
    writeFileSync(join(root, 'content/gotchas/alpha/al3-new.md'), GOTCHA('AL3'));
    git('add', 'content/gotchas/alpha/al3-new.md');
    const clean = hook();
    expect(clean.status, clean.stderr).toBe(0);
    expect(clean.stderr).toMatch(/1 file\(s\) checked/);

    writeFileSync(join(root, 'content/gotchas/alpha/al3-new.md'), GOTCHA('AL3').replace('## Fix\n', '## Fix\n\nTODO\n'));
    git('add', 'content/gotchas/alpha/al3-new.md');
    const broken = hook();
    expect(broken.status).toBe(1);
    expect(broken.stderr).toContain('content/gotchas/alpha/al3-new.md');
    expect(broken.stderr).not.toContain('al4-unstaged');
  });
});
