/**
 * Content collections, built from the one schema module the linter also uses (lint/src/schema). No field is
 * declared here. Catalog and profile ids are read from the folders first so that `catalog: univrsal` or
 * `platforms: [runpd]` fails the build with the same message the linter gives.
 */
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema';
import { CatalogSchema, GotchaSchema, ProfileSchema, ReferenceSchema } from '../lint/src/schema/index.ts';
import { pathToFileURL } from 'node:url';
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

/**
 * Every page of the guide renders through <StarlightPage>, which builds Starlight's docs schema anew for each
 * page (and zod compiles it anew on the first parse): about 1 ms a page. Built once here and reused, the
 * validation stays Starlight's own, and the same `image()` check applies each time, so keeping the first is
 * exact.
 *
 * Starlight reads its `docs` and `i18n` collections on every build, and Astro warns about a collection with
 * no entries. Content lives in the collections below, so `docs` holds the one page Starlight renders from it
 * itself, the not-found page (`404`), and `i18n` the UI strings the guide words its own way. Starlight's 404
 * route looks the entry up by id; `draft` keeps its catch-all route from rendering it a second time at /404/.
 */
const starlightDocs = docsSchema();
let builtDocs: ReturnType<typeof starlightDocs> | undefined;
const base = import.meta.env.BASE_URL.replace(/\/$/, '');
const docs = defineCollection({
  loader: () => [
    {
      id: '404',
      title: 'Page not found',
      template: 'splash',
      editUrl: false,
      pagefind: false,
      draft: true,
      hero: {
        tagline: 'Nothing lives at this address. Gotcha pages are at /gotchas/<id>/ (lower case, e.g. /gotchas/u6/); search, or start from what you are seeing.',
        actions: [
          { text: 'Find a gotcha', link: `${base}/gotchas/`, icon: 'magnifier', variant: 'primary' },
          { text: 'Paste a log', link: `${base}/diagnose/`, variant: 'secondary' },
        ],
      },
    },
  ],
  schema: (context: Parameters<typeof starlightDocs>[0]) => (builtDocs ??= starlightDocs(context)),
});

/** Starlight's UI strings, keyed by language; issue 23 asks for "Edit this page" by that name. */
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
  // Each lint rule's docs.md sits beside its code; the site publishes them at /lint/<rule-id>/.
  lintRules: defineCollection({
    loader: glob({ base: RULES_DIR, pattern: ['*/docs.md', ...excludeLinksOut(RULES_DIR, '.')], generateId: ({ entry }) => entry.split('/')[0] }),
  }),
};
