/**
 * `--locale`: an export in a language edition. Each page that has an up-to-date translation under
 * content/i18n/<locale>/ is exported with the translation's words (its title, description or keywords and its
 * body); every other page stays English. The facts come from the English page either way: the rule
 * `translation` keeps them identical, and a translation that is behind its original is left out rather than
 * exported with words that may no longer match those facts.
 */
import type { LintFile } from '../engine/types.ts';
import { TRANSLATED_FIELDS, TRANSLATION_LOCALES, type TranslatableCollection } from '../schema/translation.ts';
import { contentHash, originalPath } from '../rules/translation/index.ts';
import { UsageError } from '../io.ts';
import type { Corpus, Localized, Page } from './corpus.ts';

export type Locale = (typeof TRANSLATION_LOCALES)[number];

/** `--locale` as given: `en` (or nothing) is the English export; anything else must be an edition we have. */
export function parseLocale(value: string | undefined): Locale | undefined {
  if (value === undefined || value === 'en') return undefined;
  if ((TRANSLATION_LOCALES as readonly string[]).includes(value)) return value as Locale;
  throw new UsageError(`Unknown locale \`${value}\` for --locale, expected \`en\` or ${TRANSLATION_LOCALES.map((l) => `\`${l}\``).join(', ')}`);
}

/**
 * Put each up-to-date translation of `locale` in the place of its original in `corpus`, in place. The page
 * keeps the original's path and slug, so links and anchors (which a translation keeps, `## 存储 {#storage}`)
 * resolve exactly as in the English export.
 */
export function localizeCorpus(corpus: Corpus, files: readonly LintFile[], locale: Locale): Localized {
  const translations = new Map(files.filter((f) => f.kind === 'translation' && f.slug.startsWith(`${locale}/`)).map((f) => [originalPath(f.slug), f]));
  const result: Localized = { used: [], behind: [] };
  const swap = <T extends object>(collection: TranslatableCollection, pages: Page<T>[]) => {
    for (const page of pages) {
      const translation = translations.get(page.file.path);
      if (!translation?.tree) continue;
      const pair = { original: page.file.path, translation: translation.path };
      const sha = (translation.frontmatter.data.translates as { sha256?: unknown } | undefined)?.sha256;
      if (sha !== contentHash(page.file.text)) {
        result.behind.push(pair);
        continue;
      }
      const words: Record<string, unknown> = {};
      for (const field of TRANSLATED_FIELDS[collection]) if (translation.frontmatter.data[field] !== undefined) words[field] = translation.frontmatter.data[field];
      page.data = { ...page.data, ...words };
      page.file = { ...translation, path: page.file.path, slug: page.file.slug, kind: page.file.kind };
      result.used.push(pair);
    }
  };
  swap('gotchas', corpus.gotchas);
  swap('profiles', corpus.profiles);
  swap('references', corpus.references);
  return result;
}

/** `loadCorpus`'s `localize` option for `locale`, or none for the English export. */
export const localizer = (locale: Locale | undefined) => (locale ? (corpus: Corpus, files: readonly LintFile[]) => localizeCorpus(corpus, files, locale) : undefined);
