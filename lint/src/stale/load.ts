/**
 * Files read for the staleness report, parsing only what the report needs. Frontmatter stamps need the
 * frontmatter; inline stamps (and the section they sit in) need the Markdown tree, so only a file with an
 * inline stamp is parsed as Markdown. On 5,000 gotchas without inline stamps that is the difference between
 * parsing 8 MiB of Markdown and reading 5,000 YAML blocks, for the same report (lint/test/stale.test.ts
 * compares it with the fully parsed one).
 */
import { classify } from '../engine/classify.ts';
import { frontmatterBlock, readFrontmatter } from '../engine/frontmatter.ts';
import { decode, fileFromRead } from '../engine/load.ts';
import { readAllFrom } from '../engine/read.ts';
import type { LintFile } from '../engine/types.ts';

/** The file with its frontmatter and no tree, or undefined when it needs the full parse. */
function withoutTree(path: string, bytes: Uint8Array): LintFile | undefined {
  const { text, problem } = decode(bytes);
  if (problem || text.includes('(verified') || text.includes('\r')) return undefined;
  const block = frontmatterBlock(text);
  if (!block) return undefined;
  const { kind, slug } = classify(path);
  return { path, kind, slug, text, anchors: [], links: [], stamps: [], frontmatter: readFrontmatter(block.yaml, 1, block.startOffset) };
}

/** Every path under `root` ready for `collectStamps`. */
export function loadForStamps(root: string, paths: readonly string[]): LintFile[] {
  return readAllFrom(root, paths).map((read, i) => (read.error === undefined ? withoutTree(paths[i], read.bytes) : undefined) ?? fileFromRead(paths[i], read));
}
