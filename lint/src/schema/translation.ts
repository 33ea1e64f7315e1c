/**
 * Translation frontmatter (issue 32): a translation is a page of the collection it translates, with the same
 * fields, plus `translates` naming the English file and the revision it was made from (the SHA-256 of that
 * file's bytes). The `translation` lint rule compares it with the original: same facts, id, sources and
 * signatures; only the words a reader reads may differ (TRANSLATED_FIELDS).
 */
import { z } from 'astro/zod';
import { GotchaSchema } from './gotcha.ts';
import { ProfileSchema } from './profile.ts';
import { ReferenceSchema } from './reference.ts';
import type { KnownIds } from './known.ts';

/** Languages with an edition: folder names under content/i18n/. */
export const TRANSLATION_LOCALES = ['zh-cn'] as const;

/** Collections a page may be translated from, by their folder under content/. */
export const TRANSLATABLE_COLLECTIONS = ['gotchas', 'profiles', 'references'] as const;
export type TranslatableCollection = (typeof TRANSLATABLE_COLLECTIONS)[number];

/** Per collection, the frontmatter fields a translation words in its own language; every other field is a fact. */
export const TRANSLATED_FIELDS = {
  gotchas: ['title', 'keywords'],
  profiles: ['title', 'description'],
  references: ['title', 'description'],
} as const satisfies Record<TranslatableCollection, readonly string[]>;

export function TranslatesSchema() {
  return z.strictObject({
    path: z.string().regex(/^content\/(gotchas\/[\w-]+|profiles|references)\/[\w./-]+\.md$/, { error: 'Expected the English file, e.g. `content/profiles/autodl.md`' })
      .meta({ description: 'The English file this page translates, from the repository root.' }),
    sha256: z.string().regex(/^[0-9a-f]{64}$/, { error: 'Expected the 64 hex digits of `sha256sum` of the English file' })
      .meta({ description: 'SHA-256 of the English file as it was when translated; a different hash marks the translation as behind.' }),
  });
}

const originals = { gotchas: GotchaSchema, profiles: ProfileSchema, references: ReferenceSchema } as const;

/** The schema of a translation in `collection`: the original's, plus `translates`. */
export function TranslationSchema(collection: TranslatableCollection, known: KnownIds = {}) {
  const original = collection === 'gotchas' ? originals.gotchas(known) : originals[collection]();
  return (original as z.ZodObject).safeExtend({
    translates: TranslatesSchema().meta({ description: 'Which English file, at which revision, this page translates.' }),
  });
}
