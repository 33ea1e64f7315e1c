/**
 * The guide's remark plugins, in the order Astro runs them: one list for astro.config.mjs and the tests that
 * render through Astro's processor. The same remark dialect the linter parses with (explicit heading ids and
 * scheme links); before those rewrite the tree, the places /llms-full.txt splices in each page's source
 * (site/lib/export-marks.ts), and the titles of the gotchas that links name by id. Smart quotes are Astro's
 * own remark-smartypants (`smartypants: true`), which runs before these.
 */
import type { RemarkPlugins } from '@astrojs/markdown-remark';
import { remarkExplicitHeadingIds } from '../../lint/src/markdown/anchors.ts';
import { remarkInternalLinks } from '../../lint/src/markdown/links.ts';
import { remarkExportMarks } from './export-marks.ts';
import { remarkGotchaLinkTitles } from './gotcha-link-titles.ts';

/** `titles`: each gotcha's plain title by id (`readGotchaTitles()`), for the links that name a gotcha by id. */
export const guideRemarkPlugins = (base: string, titles: ReadonlyMap<string, string>): RemarkPlugins => [
  remarkExportMarks,
  remarkExplicitHeadingIds,
  [remarkGotchaLinkTitles, { titles }],
  [remarkInternalLinks, { base }],
];
