// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import { unified } from '@astrojs/markdown-remark';
import { guideRemarkPlugins } from './site/lib/markdown-plugins.ts';
import { readGotchaTitles } from './site/lib/gotcha-link-titles.ts';
import { rehypeGotchaSections } from './site/lib/rehype-gotcha-sections.ts';
import { rehypeTableCards } from './site/lib/rehype-table-cards.ts';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize from 'rehype-sanitize';
import { contentSchema } from './site/lib/sanitize-schema.ts';
import { cspInlineScripts } from './site/lib/csp-inline-scripts.ts';
import { assertBuildInputs } from './site/lib/corpus-gate.ts';
import { buildTimings } from './site/lib/build-timings.ts';
import { buildSidebar } from './site/lib/sidebar.ts';
import { LOCALES } from './site/lib/i18n.ts';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// Pages that read content/ themselves (the staleness dashboard) run from bundled chunks under .astro/, where
// site/lib/corpus-fs.ts's path relative to its own module points nowhere; the variable reaches them intact.
process.env.KB_CONTENT_DIR ??= fileURLToPath(new URL('./content/', import.meta.url));
process.env.KB_REPO_ROOT ??= fileURLToPath(new URL('./', import.meta.url));

// Before anything below reads a content file: a FIFO, an oversized page, a name a URL cannot carry, an alias
// bomb or a parser-stalling shape stops the build here with the file and line (site/lib/corpus-gate.ts).
assertBuildInputs({
  contentDir: process.env.KB_CONTENT_DIR,
  scriptsDir: fileURLToPath(new URL('./scripts/', import.meta.url)),
  rulesDir: fileURLToPath(new URL('./lint/src/rules/', import.meta.url)),
});

// Astro's content cache is not invalidated when the schemas or the Markdown pipeline change, because they live
// outside content.config.ts; key the cache folder by their sources (and this file, which wires the pipeline) so
// a change to either starts a fresh one.
const schemaDir = new URL('./lint/src/schema/', import.meta.url);
const pipeline = ['./astro.config.mjs', './site/lib/markdown-plugins.ts', './site/lib/gotcha-link-titles.ts', './site/lib/sanitize-schema.ts', './site/lib/rehype-gotcha-sections.ts', './site/lib/rehype-table-cards.ts'].map((f) => new URL(f, import.meta.url));
// Links to a gotcha carry its title (site/lib/gotcha-link-titles.ts), so a page's rendered body depends on
// other pages' titles, which its own cache entry does not know about.
const gotchaTitles = readGotchaTitles();
const schemaHash = createHash('sha256')
  .update([...readdirSync(schemaDir).sort().map((f) => new URL(f, schemaDir)), ...pipeline].map((u) => readFileSync(u, 'utf8')).join('\0'))
  // Rendered bodies carry the base path in their internal links, and the titles of the gotchas they link to.
  .update(`\0${process.env.BASE_PATH ?? ''}`)
  .update(`\0${JSON.stringify([...gotchaTitles])}`)
  .digest('hex')
  .slice(0, 12);

// Where the site is deployed: `SITE_URL` (origin, e.g. https://owner.github.io) and `BASE_PATH` (e.g. /repo/
// for a project site). Every absolute URL follows them: pages, llms.txt, the JSON outputs, the sitemap and the
// linter's rule-doc links (lint/src/site-url.ts reads the same two variables).
const base = `/${(process.env.BASE_PATH ?? '').replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');
const site = process.env.SITE_URL ?? process.env.KB_SITE_URL ?? 'http://localhost:4321';

// site/ is Astro's srcDir (routes, components, styles); content/ holds only Markdown and is read by glob
// loaders in site/content.config.ts. See docs/DEVELOPING.md "Layout" for why the docs collection is not used for content.
export default defineConfig({
  srcDir: './site',
  publicDir: './site/public',
  outDir: './dist',
  // Builds of fixture content trees keep their own content cache so they never mix with the real one.
  cacheDir: process.env.KB_CACHE_DIR ?? `./node_modules/.astro/schema-${schemaHash}`,
  base,
  site,
  trailingSlash: 'always',
  // Two pages in flight, so one renders while the other waits (with one, the main thread sat idle ~1 s of
  // the routes' ~4 s, between pages). Four at a time was slower; see docs/DEVELOPING.md "Performance".
  build: { concurrency: 2 },
  // A Content-Security-Policy in every page's <head> (issue 22): scripts only from this site and the hashes
  // Astro computes for its own inline ones, so an inline handler or a foreign script that slipped past the
  // sanitiser would still not run. Pagefind compiles WebAssembly ('wasm-unsafe-eval'); Expressive Code colours
  // tokens with style attributes, so styles stay open (a style cannot run script).
  security: {
    csp: {
      algorithm: 'SHA-256',
      scriptDirective: { resources: ["'self'", "'wasm-unsafe-eval'"] },
      styleDirective: { resources: ["'self'", "'unsafe-inline'"] },
      directives: ["default-src 'self'", "img-src 'self' data: https:", "object-src 'none'", "frame-src 'none'", "base-uri 'self'", "form-action 'self'"],
    },
  },
  markdown: {
    // No Shiki: its inline colour styles are what the CSP above would have to allow. Code blocks are left to
    // Expressive Code, which Starlight adds and which turns Astro's highlighter off itself, but only once the
    // integrations have run, after Astro has already warned about Shiki against the user config.
    syntaxHighlight: false,
    // The linter's remark dialect (site/lib/markdown-plugins.ts). Raw HTML from content becomes elements and
    // is then sanitised, before anything of ours or Expressive Code adds markup (issue 22); Astro's own
    // rehype-raw at the end of its pipeline then finds nothing raw left.
    processor: unified({
      smartypants: true,
      remarkPlugins: guideRemarkPlugins(base, gotchaTitles),
      rehypePlugins: [rehypeRaw, [rehypeSanitize, contentSchema], rehypeGotchaSections, rehypeTableCards],
    }),
  },
  integrations: [
    starlight({
      title: 'Remote GPU Field Guide',
      description: 'What to know before the meter runs: platforms, gotchas and scripts for training on rented or owned GPUs.',
      // English at the root (its URLs unchanged), Simplified Chinese under /zh-cn/ (issue 32). Starlight gives the
      // Chinese UI strings; which pages have a translation is read from content/i18n/ (site/lib/i18n.ts), and
      // the picker, the sidebar and the alternates only link to pages that exist (site/route-data.ts).
      defaultLocale: 'root',
      locales: LOCALES,
      routeMiddleware: './site/route-data.ts',
      sidebar: buildSidebar(),
      customCss: ['./site/styles/guide.css'],
      // Writes the page title in <head> as text (Head); wraps Starlight's search modal with a fallback that
      // drops query words no page contains, and the keyboard; keeps the page title (and the home page's hero) out of the search index's text (see each
      // component's header).
      components: { Head: './site/components/Head.astro', LanguageSelect: './site/components/LanguageSelect.astro', Search: './site/components/Search.astro', PageTitle: './site/components/PageTitle.astro', Hero: './site/components/Hero.astro' },
      pagefind: true,
      // site/pages/404.astro instead: it points a lost reader at the paste page and sends any-case gotcha ids on.
      disable404Route: true,
      // Starlight's Markdown additions (heading anchor links, asides) for our collections too, not only its
      // own docs collection.
      markdown: { processedDirs: ['./content/'] },
    }),
    cspInlineScripts(),
    // Last, so it times the steps after the pages too (docs/PERFORMANCE.md).
    buildTimings(),
  ],
});
