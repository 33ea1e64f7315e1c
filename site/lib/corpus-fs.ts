/**
 * Reading the content folders at config time (Node only). The content collections are the real source for
 * pages; this exists because the sidebar and the schemas' known-id lists are needed before collections load.
 */
import { readdirSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { frontmatterBlock, readFrontmatter } from '../../lint/src/engine/frontmatter.ts';
import { readOneFrom } from '../../lint/src/engine/read.ts';
import { isInside } from './links-out.ts';

/**
 * The content folder. `KB_CONTENT_DIR` points a build at another tree (the build tests use fixture trees);
 * by default it is the repository's `content/`.
 */
export const CONTENT_DIR = process.env.KB_CONTENT_DIR
  ? resolve(process.env.KB_CONTENT_DIR)
  : fileURLToPath(new URL('../../content/', import.meta.url));

/** File names (without `.md`) of the Markdown files directly in a content folder, skipping `_drafts`. */
export function entryIds(folder: string): string[] {
  const dir = join(CONTENT_DIR, folder);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md') && !f.startsWith('_') && isInside(join(dir, f), CONTENT_DIR))
    .map((f) => f.slice(0, -3))
    .sort();
}

/**
 * Frontmatter of one content file, `{}` when it has none or it does not parse (the build reports that). Read
 * by the project's one frontmatter reader, which reads as Astro does for the collections.
 */
export function frontmatterOf(path: string): Record<string, unknown> {
  // The linter's reader, refusals and all (a FIFO, a link out, an oversized file give `{}`; the build's first
  // step has already reported them).
  const read = readOneFrom(CONTENT_DIR, path);
  if (read.error !== undefined) return {};
  const block = frontmatterBlock(new TextDecoder().decode(read.bytes));
  return block ? readFrontmatter(block.yaml).data : {};
}
