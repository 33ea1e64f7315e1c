/**
 * Cross-links name what they point to. Content links to another gotcha by its id (`[M14](gotcha:M14)`), which
 * reads well in prose but tells a reader nothing about M14 until they follow it. This remark plugin gives each
 * such link the target's title: as a tooltip (`title`) and, when the link text is the bare id, as its
 * accessible name ("M14 — Disk full …", which still begins with the visible "M14"). Titles are content and
 * untrusted; they only ever become attribute values, which the HTML serialiser escapes, and `title` and
 * `aria-label` are attributes the sanitiser keeps on links (site/lib/sanitize-schema.ts).
 *
 * It runs before remarkInternalLinks rewrites `gotcha:` URLs to paths. An id the corpus does not have is left
 * alone (the linter reports it).
 */
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { toString } from 'mdast-util-to-string';
import { parseInternalLink } from '../../lint/src/markdown/links.ts';
import { frontmatterBlock, readFrontmatter } from '../../lint/src/engine/frontmatter.ts';
import { readOneFrom } from '../../lint/src/engine/read.ts';
import { CONTENT_DIR } from './corpus-fs.ts';
import { isInside } from './links-out.ts';
import { plainTitle } from './inline.ts';

/**
 * Plain-text title of every published gotcha, by id, read from the content tree's frontmatter. Files that are
 * drafts, start with `_`, or are symbolic links out of the tree are skipped, as the collections skip them.
 */
export function readGotchaTitles(contentDir: string = CONTENT_DIR): Map<string, string> {
  const dir = join(contentDir, 'gotchas');
  const titles = new Map<string, string>();
  let entries;
  try {
    entries = readdirSync(dir, { recursive: true, withFileTypes: true });
  } catch {
    return titles;
  }
  for (const e of entries) {
    const path = join(e.parentPath, e.name);
    if (!e.name.endsWith('.md') || e.name.startsWith('_') || e.isDirectory() || !isInside(path, contentDir)) continue;
    // The linter's reader: a FIFO or an oversized file is refused (the build's first step reports it), not waited on.
    const read = readOneFrom(contentDir, relative(contentDir, path));
    if (read.error !== undefined) continue;
    const block = frontmatterBlock(new TextDecoder().decode(read.bytes));
    const fm = block ? readFrontmatter(block.yaml).data : {};
    if (fm.draft === true || typeof fm.id !== 'string' || typeof fm.title !== 'string') continue;
    titles.set(fm.id, plainTitle(fm.title));
  }
  return titles;
}

interface Node {
  type: string;
  url?: string;
  title?: string | null;
  identifier?: string;
  children?: Node[];
  data?: { hProperties?: Record<string, unknown> };
}

/** The text a link to gotcha `id` gets as its tooltip and, when it shows only the id, as its name. */
export const linkLabel = (id: string, title: string) => `${id} — ${title}`;

export function remarkGotchaLinkTitles(options: { titles: ReadonlyMap<string, string> }) {
  const { titles } = options;
  const targetOf = (url: string | undefined) => {
    const link = url ? parseInternalLink(url) : undefined;
    return link?.scheme === 'gotcha' && titles.has(link.target) ? link.target : undefined;
  };
  const label = (node: Node, id: string, written: string | null | undefined) => {
    const text = linkLabel(id, titles.get(id)!);
    const props = ((node.data ??= {}).hProperties ??= {});
    // A title the author wrote stays; so does link text that already says more than the id.
    if (!written) props.title = text;
    if (toString(node).trim().toUpperCase() === id.toUpperCase()) props.ariaLabel = text;
  };
  return (tree: Node) => {
    // Reference-style links (`[M14][m14]` with `[m14]: gotcha:M14`) take their URL from a definition.
    const definitions = new Map<string, Node>();
    const collect = (node: Node) => {
      if (node.type === 'definition' && node.identifier && targetOf(node.url)) definitions.set(node.identifier, node);
      node.children?.forEach(collect);
    };
    const visit = (node: Node) => {
      if (node.type === 'link') {
        const id = targetOf(node.url);
        if (id) label(node, id, node.title);
      } else if (node.type === 'linkReference') {
        const def = definitions.get(node.identifier ?? '');
        if (def) label(node, targetOf(def.url)!, def.title);
      }
      node.children?.forEach(visit);
    };
    collect(tree);
    visit(tree);
  };
}
