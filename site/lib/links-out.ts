/**
 * Symbolic links that lead out of a tree. Content comes from pull requests: a `.md` that is a link to
 * `/etc/hostname` or to a file beside the checkout must not be read into a page, llms-full.txt or a
 * download. Links that stay inside the tree are fine (they publish nothing new); a dangling link counts as
 * leading out, since what it would read is unknown.
 */
import { existsSync, readdirSync, realpathSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';

export function isInside(path: string, root: string): boolean {
  try {
    const rel = relative(realpathSync(root), realpathSync(path));
    return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
  } catch {
    return false;
  }
}

/** Paths (relative to `dir`, `/`-separated) of the links under `dir` whose target is outside `root`. */
export function linksOutOf(dir: string, root: string = dir): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isSymbolicLink() && !isInside(join(e.parentPath, e.name), root))
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
    .sort();
}

const escapeGlob = (path: string) => path.replace(/[*?[\]{}()!@+\\]/g, '\\$&');

/** Negated glob patterns that keep a loader away from those links (a linked folder and all below it). */
export function excludeLinksOut(dir: string, root: string = dir): string[] {
  return linksOutOf(dir, root).flatMap((p) => {
    console.warn(`[content] skipped ${join(dir, p)}: a symbolic link out of ${root}`);
    return [`!${escapeGlob(p)}`, `!${escapeGlob(p)}/**`];
  });
}
