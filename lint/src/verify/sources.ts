/**
 * The quoted sources of the content files: each source entry with a `quote`, read through the shared schema
 * (an entry the schema refuses is left to `kb-lint`'s own rules, never fetched) and positioned at its quote.
 */
import { readAllFrom } from '../engine/read.ts';
import { frontmatterBlock, readFrontmatter } from '../engine/frontmatter.ts';
import { SourceSchema, type Pin } from '../schema/source.ts';

/** One quoted source to re-check. Tests build these by hand (with loopback URLs the schema refuses). */
export interface QuoteTarget {
  /** Repo-relative path of the file. */
  file: string;
  /** Index in the file's `sources` list. */
  index: number;
  url: string;
  quote: string;
  /** The source's `checked:` month, when it has one. */
  checked?: string;
  /** File line of the `quote:` value. */
  line: number;
  /** The version the quote was read in, when the source says. */
  pin?: Pin;
}

/** Every quoted source of one file (none when it has no frontmatter or no quoted source). */
export function quoteTargets(file: string, text: string): QuoteTarget[] {
  const block = frontmatterBlock(text.replace(/^\uFEFF/, ''));
  if (!block) return [];
  const fm = readFrontmatter(block.yaml, 1, block.startOffset);
  const sources = fm.data.sources;
  if (!Array.isArray(sources)) return [];
  const targets: QuoteTarget[] = [];
  sources.forEach((raw, index) => {
    const parsed = SourceSchema().safeParse(raw);
    if (!parsed.success || parsed.data.quote === undefined) return;
    const line = fm.positionOf(['sources', index, 'quote']).start.line;
    targets.push({ file, index, url: parsed.data.url, quote: parsed.data.quote, checked: parsed.data.checked, line, ...(parsed.data.pin ? { pin: parsed.data.pin } : {}) });
  });
  return targets;
}

/** Quoted sources of many files, read from `root`. */
export async function readTargets(root: string, files: readonly string[]): Promise<QuoteTarget[]> {
  const pages = files.filter((f) => f.endsWith('.md'));
  // The linter's reader: a link out of the repository, a FIFO or an oversized file is skipped here (the
  // linter reports it), never read or waited on.
  const reads = readAllFrom(root, pages);
  return pages.flatMap((file, i) => (reads[i].error === undefined ? quoteTargets(file, new TextDecoder().decode(reads[i].bytes)) : []));
}
