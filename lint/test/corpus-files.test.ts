/**
 * corpusFiles walks two fixed folders instead of globbing; it must list exactly what CORPUS_GLOBS match
 * under Node's own glob, on the real project and on a tree built to catch the differences that matter.
 */
import { globSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CORPUS_GLOBS } from '../src/engine/classify.ts';
import { corpusFiles } from '../src/files.ts';
import { UsageError } from '../src/io.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const byGlob = (root: string) => globSync(CORPUS_GLOBS, { cwd: root, exclude: (name) => name === 'node_modules' }).sort();

describe('corpusFiles', () => {
  const root = mkdtempSync(join(tmpdir(), 'kb-corpus-files-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('lists what the corpus globs match in the project itself', async () => {
    const listed = await corpusFiles(ROOT);
    expect(listed.length).toBeGreaterThan(300);
    expect(listed).toEqual(byGlob(ROOT));
  });

  it('agrees with the globs on dot entries, node_modules, links, odd names and missing folders', async () => {
    const file = (path: string, text = '# x\n') => {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    };
    file('content/top.md');
    file('content/gotchas/universal/u1-a.md');
    file('content/gotchas/universal/deep/er/u2-b.md');
    file('content/.hidden/u3.md');
    file('content/gotchas/.draft.md');
    file('content/node_modules/pkg/readme.md');
    file('content/notes.txt');
    file('content/gotchas/UPPER.MD');
    file('scripts/a.sh');
    file('scripts/b.sh.template');
    file('scripts/c.sh.bak');
    file('scripts/sub/d.sh');
    file('elsewhere/e.md');
    mkdirSync(join(root, 'content/folder.md'));
    file('content/folder.md/inner.md');
    symlinkSync(join(root, 'content/top.md'), join(root, 'content/link-to-file.md'));
    symlinkSync(join(root, 'content/gotchas'), join(root, 'content/link-to-folder'));
    symlinkSync(join(root, 'content/nowhere.md'), join(root, 'content/dangling.md'));
    symlinkSync(join(root, 'content/loop'), join(root, 'content/loop'));

    const listed = await corpusFiles(root);
    expect(listed).toEqual(byGlob(root));
    // The listing above is not vacuous: spell out what it holds.
    expect(listed).toContain('content/gotchas/universal/deep/er/u2-b.md');
    expect(listed).toContain('content/link-to-file.md');
    expect(listed).toContain('scripts/b.sh.template');
    expect(listed.some((p) => p.includes('.hidden') || p.includes('node_modules') || p.includes('link-to-folder/'))).toBe(false);
  });

  it('a project without content/ or scripts/ has an empty corpus', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'kb-corpus-empty-'));
    try {
      expect(await corpusFiles(empty)).toEqual([]);
      expect(byGlob(empty)).toEqual([]);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('corpusFiles on a folder it cannot list', () => {
  it('stops with a usage error naming the folder, not a silent gap', async () => {
    const root = mkdtempSync(join(tmpdir(), 'kb-corpus-denied-'));
    try {
      mkdirSync(join(root, 'content/gotchas/universal'), { recursive: true });
      writeFileSync(join(root, 'content/gotchas/universal/u1.md'), '# x\n');
      // Root may read any folder, and CI runs as root: the refusal is simulated at the one call that lists.
      const denied = (path: string) => {
        if (path.endsWith('/gotchas')) throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
        return readdirSync(path, { withFileTypes: true });
      };
      await expect(corpusFiles(root, denied)).rejects.toThrow(new UsageError('Cannot list the folder `content/gotchas`: permission denied'));
      expect(await corpusFiles(root)).toEqual(['content/gotchas/universal/u1.md']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
