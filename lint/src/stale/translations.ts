/**
 * Translations behind their English original (issue 32): the original's bytes no longer hash to the revision
 * `translates.sha256` names. The same comparison as the `translation` lint rule, listed for whoever keeps a
 * language edition up to date; a translation behind never makes `stale` exit 1 (the English page is right).
 */
import type { LintFile } from '../engine/types.ts';
import { contentHash, originalPath } from '../rules/translation/index.ts';

export interface BehindEntry {
  /** The translation. */
  file: string;
  /** The English file it translates. */
  original: string;
  /** The revision it was made from, and the original's hash now. */
  translated: string;
  now: string;
}

export function collectBehind(files: readonly LintFile[]): BehindEntry[] {
  const texts = new Map(files.filter((f) => !f.readProblem).map((f) => [f.path, f.text]));
  const behind: BehindEntry[] = [];
  for (const file of files) {
    if (file.kind !== 'translation' || file.readProblem) continue;
    const translates = file.frontmatter.data.translates as { sha256?: unknown } | undefined;
    const original = originalPath(file.slug);
    const text = texts.get(original);
    // A missing original or a malformed `translates` is a lint error, not staleness.
    if (text === undefined || typeof translates?.sha256 !== 'string') continue;
    const now = contentHash(text);
    if (now !== translates.sha256) behind.push({ file: file.path, original, translated: translates.sha256, now });
  }
  return behind.sort((a, b) => a.file.localeCompare(b.file));
}

/** The Markdown section: every translation behind, with the command that shows what changed. */
export function behindMarkdown(behind: readonly BehindEntry[]): string[] {
  const lines = ['## Translations behind their English original', ''];
  if (!behind.length) return [...lines, '_Every translation matches the revision of its original._', ''];
  lines.push(
    `${behind.length} translation${behind.length === 1 ? '' : 's'} translate${behind.length === 1 ? 's' : ''} an older revision of the English page. See what changed with`,
    '`git log -p -- <original>`, bring the translation up to date, then set its `translates.sha256` to the new hash.',
    '',
    '| Translation | Original | Translated revision | Original now |',
    '| --- | --- | --- | --- |',
    ...behind.map((b) => `| \`${b.file}\` | \`${b.original}\` | \`${b.translated.slice(0, 12)}\` | \`${b.now.slice(0, 12)}\` |`),
    '',
  );
  return lines;
}
