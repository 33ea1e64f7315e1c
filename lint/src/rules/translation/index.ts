/**
 * A translation (content/i18n/<locale>/…) against its English original: it names the file it sits in the
 * place of, keeps every fact field, and is reported as behind (a warning) once the original's bytes no longer
 * hash to the revision it names. Frontmatter shape itself is `frontmatter-schema`'s (schema/translation.ts).
 */
import { createHash } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { IndexedPage } from '../../engine/corpus-index.ts';
import type { LintFile, Report } from '../../engine/types.ts';
import { mapping, type Translates } from '../../schema/fields.ts';
import { TRANSLATED_FIELDS } from '../../schema/index.ts';
import { defineRule } from '../define.ts';
import { translationCollection } from '../validate.ts';

/** The English file a translation at `slug` (`zh-cn/profiles/autodl`) stands for. */
export const originalPath = (slug: string) => `content/${slug.split('/').slice(1).join('/')}.md`;

/** What `translates.sha256` must say: the SHA-256 of the original's text, as `sha256sum` prints it for a UTF-8 file. */
export const contentHash = (text: string) => createHash('sha256').update(text).digest('hex');

export default defineRule({
  id: 'translation',
  description: 'A translation names an existing original, keeps its id, facts, sources and signatures, and is not behind it',
  severity: 'error',
  kinds: ['translation'],
  scope: 'project',
  check(files, ctx) {
    const byPath = new Map<string, IndexedPage>();
    for (const pages of ctx.index.gotchas.values()) for (const page of pages) byPath.set(page.file.path, page);
    for (const page of ctx.index.profiles.values()) byPath.set(page.file.path, page);
    for (const page of ctx.index.references.values()) byPath.set(page.file.path, page);

    for (const file of files) {
      if (!file.frontmatter.present || file.frontmatter.problems.length) continue;
      const translates = mapping<keyof Translates>(file.frontmatter.data.translates);
      // A missing or malformed `translates` is a schema error, reported once by frontmatter-schema.
      if (!translates || typeof translates.path !== 'string' || typeof translates.sha256 !== 'string') continue;
      const expected = originalPath(file.slug);
      if (translates.path !== expected) {
        ctx.report(file, {
          message: `Unexpected original \`${translates.path}\` for a translation at \`${file.path}\`, expected \`${expected}\` (a translation sits at its original's path under content/i18n/<locale>/)`,
          place: file.frontmatter.positionOf(['translates', 'path']),
        });
        continue;
      }
      const original = byPath.get(expected);
      if (!original) {
        ctx.report(file, {
          message: `Missing original \`${expected}\`: this translation names a page that does not exist (renamed or deleted?)`,
          place: file.frontmatter.positionOf(['translates', 'path']),
        });
        continue;
      }
      keepsFacts(file, original.file, ctx.report);
      const now = contentHash(original.file.text);
      if (translates.sha256 !== now) {
        ctx.report(file, {
          severity: 'warning',
          message: `Translation behind its original: \`${expected}\` changed since the revision this page translates (sha256 ${translates.sha256.slice(0, 12)}…, now ${now.slice(0, 12)}…)`,
          note: `Compare the two (\`git log -p -- ${expected}\`), bring the translation up to date, then set \`translates.sha256: ${now}\`. \`npm run stale\` lists every translation that is behind.`,
          place: file.frontmatter.positionOf(['translates', 'sha256']),
          key: `behind ${expected}`,
        });
      }
    }
  },
});

/** Every frontmatter field but the translated words must equal the original's, as written. */
function keepsFacts(file: LintFile, original: LintFile, report: (file: LintFile, r: Report) => void) {
  const words = new Set([...TRANSLATED_FIELDS[translationCollection(file.slug)], 'translates']);
  // Every key either file has, the model's or not: a stray key is a difference too.
  const mine: Readonly<Record<string, unknown>> = file.frontmatter.data;
  const theirs: Readonly<Record<string, unknown>> = original.frontmatter.data;
  for (const key of new Set([...Object.keys(theirs), ...Object.keys(mine)])) {
    if (words.has(key) || isDeepStrictEqual(mine[key], theirs[key])) continue;
    const what = key === 'id' ? 'id' : key === 'sources' ? 'sources' : key === 'signatures' ? 'signatures' : `fact field \`${key}\``;
    report(file, {
      message:
        mine[key] === undefined
          ? `Missing ${what} of the original \`${original.path}\`: a translation keeps every field but ${[...words].filter((w) => w !== 'translates').map((w) => `\`${w}\``).join(' and ')}`
          : theirs[key] === undefined
            ? `Unexpected field \`${key}\`, which the original \`${original.path}\` does not have`
            : `Unexpected change to the ${what}: it differs from the original \`${original.path}\`, expected it copied as the original has it`,
      place: mine[key] === undefined ? file.frontmatter.positionOf([]) : file.frontmatter.keyPositionOf([key]),
    });
  }
}
