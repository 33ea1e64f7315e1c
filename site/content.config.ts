/**
 * Content collections, built from the one schema module the linter also uses (lint/src/schema). No field is
 * declared here. Catalog and profile ids are read from the folders first so that `catalog: univrsal` or
 * `platforms: [runpd]` fails the build with the same message the linter gives.
 */
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema';
import { CatalogSchema, GotchaSchema, ProfileSchema, ReferenceSchema, TranslationSchema } from '../lint/src/schema/index.ts';
import { pathToFileURL } from 'node:url';
import { existsSync } from 'node:fs';
import { CONTENT_DIR, entryIds } from './lib/corpus-fs.ts';
import { excludeLinksOut } from './lib/links-out.ts';

const known = { catalogs: entryIds('catalogs'), platforms: entryIds('profiles') };

/**
 * Entry ids are file paths relative to the collection folder, without `.md` (`universal/u6-disk-full`). The
 * loader would follow symbolic links anywhere; links out of the content tree are left out (lib/links-out.ts).
 */
const md = (folder: string) =>
  glob({ base: pathToFileURL(`${CONTENT_DIR}/${folder}/`), pattern: ['**/*.md', '!**/_*', ...excludeLinksOut(`${CONTENT_DIR}/${folder}`, CONTENT_DIR)] });
const RULES_DIR = './lint/src/rules';

/** A translation folder may not exist (a tree with no translations of that kind): then no entries, and no warning. */
const translations = (folder: string) => (existsSync(`${CONTENT_DIR}/${folder}`) ? md(folder) : () => []);

/**
 * Every page of the guide renders through <StarlightPage>, which builds Starlight's docs schema anew for each
 * page (and zod compiles it anew on the first parse): about 1 ms a page. Built once here and reused, the
 * validation stays Starlight's own. The docs collection itself stays empty; content lives in the collections
 * below. Only <StarlightPage> calls it (the collection has no entries), with the same `image()` check each
 * time, so keeping the first is exact.
 *
 * Starlight's routing reads `docs`, and Astro warns on every build when it is empty: a warning about nothing
 * the reader wrote. One draft entry keeps it quiet: Starlight drops drafts from production builds
 * (`data.draft === false` in its routing), so it is never a page, a sitemap entry or a search result. (A `404`
 * entry would be rendered by the catch-all route too; the not-found page is site/pages/404.astro.)
 */
const starlightDocs = docsSchema();
let builtDocs: ReturnType<typeof starlightDocs> | undefined;
const docs = defineCollection({
  loader: () => [{ id: 'unpublished-placeholder', title: 'Not published', draft: true }],
  schema: (context: Parameters<typeof starlightDocs>[0]) => (builtDocs ??= starlightDocs(context)),
});

/**
 * Starlight's UI strings, keyed by language. Starlight reads this collection on every build (Astro warns when
 * it has no entries); the guide words one string its own way: "Edit this page", as issue 23 names it.
 */
const i18n = defineCollection({
  loader: () => [{ id: 'en', 'page.editLink': 'Edit this page' }],
  schema: i18nSchema(),
});

export const collections = {
  docs,
  i18n,
  gotchas: defineCollection({ loader: md('gotchas'), schema: GotchaSchema(known) }),
  profiles: defineCollection({ loader: md('profiles'), schema: ProfileSchema() }),
  catalogs: defineCollection({ loader: md('catalogs'), schema: CatalogSchema() }),
  references: defineCollection({ loader: md('references'), schema: ReferenceSchema() }),
  // Chinese editions (issue 32): content/i18n/zh-cn/<collection>/ holds translations at their original's path,
  // with the original's schema plus `translates`; rendered under /zh-cn/ by site/pages/zh-cn/.
  zhGotchas: defineCollection({ loader: translations('i18n/zh-cn/gotchas'), schema: TranslationSchema('gotchas', known) }),
  zhProfiles: defineCollection({ loader: translations('i18n/zh-cn/profiles'), schema: TranslationSchema('profiles') }),
  zhReferences: defineCollection({ loader: translations('i18n/zh-cn/references'), schema: TranslationSchema('references') }),
  // Each lint rule's docs.md sits beside its code; the site publishes them at /lint/<rule-id>/.
  lintRules: defineCollection({
    loader: glob({ base: RULES_DIR, pattern: ['*/docs.md', ...excludeLinksOut(RULES_DIR, '.')], generateId: ({ entry }) => entry.split('/')[0] }),
  }),
};
