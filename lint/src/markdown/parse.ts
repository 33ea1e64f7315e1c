/**
 * One Markdown dialect for the whole project: the linter parses with this processor, and the site renders
 * with the same remark plugins (see astro.config.mjs), so headings, anchors and links agree.
 */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import type { Root } from 'mdast';

const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).freeze();

/** Parse Markdown (with an optional YAML frontmatter block) into mdast with positions. */
export function parseMarkdown(source: string): Root {
  return processor.parse(source) as Root;
}
