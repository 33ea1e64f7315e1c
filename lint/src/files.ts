/**
 * Turning what the user typed (files, folders, globs) into corpus paths, and `--changed` into the files that
 * differ from a git ref. Every failure here is a usage error with one clear line.
 */
import { execFile } from 'node:child_process';
import { constants, readdirSync, type Dirent } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { UsageError } from './io.ts';

const run = (command: string, args: string[], options: { cwd: string; maxBuffer?: number }) => promisify(execFile)(command, args, { ...options, encoding: 'utf8' });

const toPosix = (p: string) => p.split(sep).join('/');

/**
 * Every file of the corpus under `root`, sorted, root-relative: exactly what CORPUS_GLOBS match (a test holds
 * the two equal on awkward trees). Listed by walking the two fixed folders rather than by a glob engine:
 * with patterns that never change there is nothing to compile, and Node's `fs.globSync` took 20-30 ms of
 * a 250 ms re-run on 393 files where the walk takes 3. Same rules as the globs: no dot files or dot
 * folders, `node_modules` skipped, symbolic links listed by name but never entered, so a link loop cannot
 * make it spin (a link that points nowhere becomes a positioned finding when it is read). Unlike the globs,
 * a folder it cannot list is a usage error rather than a silent gap. `list` is for tests. A glob library
 * would do the same walk; the two fixed folders are simple enough not to need one.
 */
export async function corpusFiles(root: string, list: (path: string) => Dirent[] = (path) => readdirSync(path, { withFileTypes: true })): Promise<string[]> {
  const found: string[] = [];
  const walk = (dir: string, deep: boolean, wanted: (name: string) => boolean) => {
    let entries;
    try {
      entries = list(join(root, dir));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // A corpus without scripts/ (or content/) simply has none of them.
      if (code === 'ENOENT' || code === 'ENOTDIR') return;
      // Any other failure would leave its files unlinted without a word (Node's glob skips such folders).
      throw new UsageError(`Cannot list the folder \`${dir}\`: ${code === 'EACCES' ? 'permission denied' : (code ?? (error as Error).message)}`);
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const path = `${dir}/${entry.name}`;
      // A folder named like a file is listed too, as the globs list it: reading it then reports it.
      if (wanted(entry.name)) found.push(path);
      if (deep && entry.isDirectory() && entry.name !== 'node_modules') walk(path, deep, wanted);
    }
  };
  walk('content', true, (name) => name.endsWith('.md'));
  walk('scripts', false, (name) => name.endsWith('.sh') || name.endsWith('.sh.template'));
  // Each rule's docs.md (the site publishes them), one folder down: `lint/src/rules/*/docs.md`.
  for (const dir of ruleFolders(root, list)) walk(dir, false, (name) => name === 'docs.md');
  return found.sort();
}

/** The rule folders under lint/src/rules (real folders only, as the walk never enters a link). */
function ruleFolders(root: string, list: (path: string) => Dirent[]): string[] {
  try {
    return list(join(root, 'lint/src/rules'))
      .filter((e) => e.isDirectory() && !e.name.startsWith('.') && e.name !== 'node_modules')
      .map((e) => `lint/src/rules/${e.name}`);
  } catch {
    return [];
  }
}

const isLintable = (p: string) => /\.(md|sh|sh\.template)$/.test(p);

/** Expand operands into root-relative paths of lintable files. */
export async function expandOperands(operands: readonly string[], cwd: string, root: string): Promise<string[]> {
  // What users type is globbed by the `glob` package (magic detection, escapes, absolute results).
  const { glob, hasMagic } = await import('glob');
  const out = new Set<string>();
  for (const operand of operands) {
    const abs = resolve(cwd, operand);
    // `[id].md` is a file name before it is a pattern: an operand naming an existing path is taken literally.
    const exists = await stat(abs).then(() => true, () => false);
    if (!exists && hasMagic(operand, { windowsPathsNoEscape: false })) {
      const matches = await glob(operand, { cwd, nodir: true, absolute: true, ignore: ['**/node_modules/**'] });
      if (!matches.length) throw new UsageError(`No files match \`${operand}\``);
      for (const m of matches) if (isLintable(m)) out.add(toPosix(relative(root, m)));
      continue;
    }
    let info;
    try {
      info = await stat(abs);
      // stat succeeds on a file nobody may read; find out now rather than as a finding later.
      await access(abs, constants.R_OK);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new UsageError(
        code === 'ELOOP'
          ? `Cannot read \`${operand}\`: symbolic link loop`
          : code === 'EACCES'
            ? `Cannot read \`${operand}\`: permission denied`
            : code === 'ENOTDIR'
              ? `No such file or folder \`${operand}\` (a part of the path is a file, not a folder)`
              : `No such file or folder \`${operand}\``,
      );
    }
    if (info.isDirectory()) {
      const matches = await glob(['**/*.md', '**/*.sh', '**/*.sh.template'], { cwd: abs, nodir: true, absolute: true, follow: false, ignore: ['**/node_modules/**'] });
      for (const m of matches) out.add(toPosix(relative(root, m)));
    } else if (info.isFile()) {
      out.add(toPosix(relative(root, abs)));
    } else {
      throw new UsageError(`Not a regular file or folder: \`${operand}\``);
    }
  }
  for (const p of out) if (p.startsWith('../') || isAbsolute(p)) throw new UsageError(`\`${p}\` is outside the project at \`${root}\``);
  return [...out].sort();
}

/** Corpus files that differ from `ref` in the working tree (committed, staged, unstaged or untracked). */
export async function changedFiles(ref: string, root: string): Promise<string[]> {
  try {
    await run('git', ['rev-parse', '--git-dir'], { cwd: root });
  } catch {
    throw new UsageError(`--changed needs a git repository, and \`${root}\` is not inside one`);
  }
  try {
    await run('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { cwd: root });
  } catch {
    throw new UsageError(`Unknown git ref \`${ref}\` for --changed (is the history fetched? CI clones may need fetch-depth: 0)`);
  }
  return diffPaths(ref, root, 'ACMRT');
}

/** Corpus files added since `ref` (new in the diff, or untracked): the files a PR introduces. */
export async function addedFiles(ref: string, root: string): Promise<string[]> {
  return diffPaths(ref, root, 'A');
}

/** Paths (relative to `root`) that `git diff --diff-filter` reports against `ref`, plus untracked files. */
async function diffPaths(ref: string, root: string, filter: string): Promise<string[]> {
  const diff = await run('git', ['diff', '--name-only', `--diff-filter=${filter}`, '-z', ref, '--'], { cwd: root, maxBuffer: 64 << 20 });
  const untracked = await run('git', ['ls-files', '--others', '--exclude-standard', '-z'], { cwd: root, maxBuffer: 64 << 20 });
  // git prints paths from the repository top; the corpus is relative to root, which may be a subfolder.
  const prefix = (await run('git', ['rev-parse', '--show-prefix'], { cwd: root })).stdout.trim();
  return [...new Set([...diff.stdout.split('\0'), ...untracked.stdout.split('\0')])]
    .filter(Boolean)
    .map((p) => (prefix && p.startsWith(prefix) ? p.slice(prefix.length) : p))
    .sort();
}
