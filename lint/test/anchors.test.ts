/** Heading anchors the linter accepts are the ids the page has, dashes included (issue 25). */
import { rehypeHeadingIds } from '@astrojs/markdown-remark';
import rehypeStringify from 'rehype-stringify';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import remarkSmartypants from 'remark-smartypants';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { headingAnchors } from '../src/markdown/anchors.ts';
import { parseMarkdown } from '../src/markdown/parse.ts';

describe('heading anchors', () => {
  it('match the ids of the rendered page (smart punctuation, then Astro’s heading ids) for `--`', async () => {
    const md = ['A -- B', 'C --- D', 'E `x--y` -- F', 'a--b', 'Plain heading', 'A -- B'].map((h) => `## ${h}\n`).join('\n');
    const html = String(await unified().use(remarkParse).use(remarkSmartypants).use(remarkRehype).use(rehypeHeadingIds).use(rehypeStringify).process(md));
    const page = [...html.matchAll(/<h2 id="([^"]*)"/g)].map((m) => m[1]);
    expect(page).toHaveLength(6);
    expect(headingAnchors(parseMarkdown(md)).map((a) => a.id)).toEqual(page);
  });
});
