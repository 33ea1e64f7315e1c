/**
 * The build's first step: every file the build will read, checked with the linter's own refusals before
 * anything reads it. Astro's loaders and Vite's globs read what they find: a FIFO in content/ blocked the
 * config-time title read forever, one in scripts/ failed the build with an unrelated message, a page named
 * with `?` or `#` was left off the site while the build exited 0, a 60 MiB page ran the content layer out of
 * memory, an alias tree in frontmatter ended in "Invalid string length" naming no file, and the shapes that
 * make micromark superlinear stalled the render. Each is now a positioned line in one error that stops the
 * build (exit 1), worded as `npm run lint` words it.
 *
 * A symbolic link out of the tree is not an error here: the loaders leave those out with a warning
 * (site/lib/links-out.ts), and the linter reports them.
 */
import { readdirSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import { markdownBoundProblem } from '../../lint/src/engine/bounds.ts';
import { decode } from '../../lint/src/engine/decode.ts';
import { frontmatterBlock, readFrontmatter } from '../../lint/src/engine/frontmatter.ts';
import { readOneFrom } from '../../lint/src/engine/read.ts';

export interface BuildInputs {
  /** The content tree (`KB_CONTENT_DIR`, or content/). */
  contentDir: string;
  /** The folder of the scripts published as downloads. */
  scriptsDir: string;
  /** lint/src/rules, whose `*\/docs.md` become /lint/ pages. */
  rulesDir: string;
}

const LINKED_OUT = 'a symbolic link to a file outside the repository';

/** Files under `dir` (relative, `/`-separated) whose names end as `wanted` says; links are listed, never entered. */
function listFiles(dir: string, deep: boolean, wanted: (name: string) => boolean, prefix = ''): string[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(join(dir, prefix), { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => {
    if (e.name.startsWith('.')) return [];
    const path = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) return deep && e.name !== 'node_modules' ? listFiles(dir, deep, wanted, path) : [];
    return wanted(e.name) ? [path] : [];
  });
}

/** What is wrong with one file, as `path:line:column: message` lines; `label` is how the path is shown. */
function problemsOf(base: string, path: string, label: string, markdown: boolean): string[] {
  const read = readOneFrom(base, path);
  if (read.error === LINKED_OUT) return [];
  if (read.error !== undefined) return [`${label}:1:1: Cannot read file: ${read.error}`];
  const { text, problem } = decode(read.bytes);
  if (problem) return [`${label}:${problem.place?.line ?? 1}:${problem.place?.column ?? 1}: ${problem.message}`];
  if (!markdown) return [];
  const bound = markdownBoundProblem(text);
  if (bound) return [`${label}:${bound.place.line}:${bound.place.column}: ${bound.message}`];
  const block = frontmatterBlock(text);
  if (!block) return [];
  return readFrontmatter(block.yaml, 1, block.startOffset).problems.map((p) => {
    const at = 'start' in p.place ? p.place.start : p.place;
    return `${label}:${at.line}:${at.column}: ${p.message}`;
  });
}

/** Every problem that must stop the build, one positioned line each (empty: the inputs are fine). */
export function buildInputProblems({ contentDir, scriptsDir, rulesDir }: BuildInputs): string[] {
  const md = (name: string) => name.endsWith('.md');
  return [
    ...listFiles(contentDir, true, md).flatMap((p) => problemsOf(contentDir, p, `content/${p}`, true)),
    ...listFiles(scriptsDir, false, (n) => n.endsWith('.sh') || n.endsWith('.sh.template')).flatMap((p) => problemsOf(scriptsDir, p, `scripts/${p}`, false)),
    ...listFiles(rulesDir, true, (n) => n === 'docs.md').flatMap((p) => problemsOf(rulesDir, p, `lint/src/rules/${p}`, true)),
  ];
}

/** Throws one error listing every problem, so `astro build` stops (exit 1) before any loader reads a file. */
export function assertBuildInputs(inputs: BuildInputs): void {
  const problems = buildInputProblems(inputs);
  if (!problems.length) return;
  throw new Error(`${problems.length} file(s) the site cannot be built from (\`npm run lint\` reports the same):\n${problems.map((p) => `  ${p}`).join('\n')}`);
}
