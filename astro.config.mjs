// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import { unified } from '@astrojs/markdown-remark';
import { remarkExplicitHeadingIds } from './lint/src/markdown/anchors.ts';
import { remarkInternalLinks } from './lint/src/markdown/links.ts';
import { rehypeGotchaSections } from './site/lib/rehype-gotcha-sections.ts';
import { buildSidebar } from './site/lib/sidebar.ts';

const base = '/';

// site/ is Astro's srcDir (routes, components, styles); content/ holds only Markdown and is read by glob
// loaders in site/content.config.ts. See README "Layout" for why the docs collection is not used for content.
export default defineConfig({
  srcDir: './site',
  publicDir: './site/public',
  outDir: './dist',
  // Builds of fixture content trees keep their own content cache so they never mix with the real one.
  ...(process.env.KB_CACHE_DIR ? { cacheDir: process.env.KB_CACHE_DIR } : {}),
  base,
  site: process.env.KB_SITE_URL ?? 'http://localhost:4321',
  trailingSlash: 'always',
  markdown: {
    // The same remark dialect the linter parses with: explicit heading ids and scheme links.
    processor: unified({
      remarkPlugins: [remarkExplicitHeadingIds, [remarkInternalLinks, { base }]],
      rehypePlugins: [rehypeGotchaSections],
    }),
  },
  integrations: [
    starlight({
      title: 'Remote GPU Field Guide',
      description: 'What to know before the meter runs: platforms, gotchas and scripts for training on rented or owned GPUs.',
      sidebar: buildSidebar(),
      customCss: ['./site/styles/guide.css'],
      pagefind: true,
    }),
  ],
});
