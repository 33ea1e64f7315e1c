/**
 * Heading anchors. A heading may end in an explicit id, `## Checkpoint cadence {#cadence}`; otherwise its
 * anchor is the GitHub-style slug Astro's `rehypeHeadingIds` gives it. Both the site (through the remark
 * plugin below) and the linter's cross-reference index use these functions, so an anchor the linter
 * accepts is one the built page has.
 */
import GithubSlugger from 'github-slugger';
import { toString } from 'mdast-util-to-string';
import type { Heading, Root, Text } from 'mdast';

/** `{#id}` at the very end of a heading's text, with the whitespace before it; the id is group 1. */
export const EXPLICIT_ID = /\s*\{#([A-Za-z][\w-]*)\}\s*$/;

export interface HeadingAnchor {
  depth: number;
  /** Heading text without the explicit id. */
  text: string;
  id: string;
  explicit: boolean;
  node: Heading;
}

/** The explicit id of a heading, if its last text node ends in `{#id}`. */
export function explicitId(node: Heading): string | undefined {
  const last = node.children.at(-1);
  if (!last || last.type !== 'text') return undefined;
  return EXPLICIT_ID.exec(last.value)?.[1];
}

/**
 * The text the page's heading id is slugged from: the site's smart punctuation (remark-smartypants, Astro's
 * default, `dashes: true`) has turned a lone `--` in prose into an em dash before the slugger sees it, and
 * the slugger drops the dash, so `A -- B` is `#a--b` on the page, not `#a----b`. Code is left as written.
 */
function slugSource(heading: Heading): string {
  const text = heading.children.map((child) => (child.type === 'text' ? child.value.replace(/(?<!-)--(?!-)/g, '\u2014') : toString(child))).join('');
  return text.replace(EXPLICIT_ID, '');
}

/**
 * Every heading's anchor, in document order. Explicit ids do not advance the slugger, matching
 * Astro, which only slugs headings that have no id yet.
 */
export function headingAnchors(tree: Root): HeadingAnchor[] {
  const slugger = new GithubSlugger();
  const out: HeadingAnchor[] = [];
  const walk = (node: { type: string; children?: unknown[] }) => {
    if (node.type === 'heading') {
      const heading = node as Heading;
      const id = explicitId(heading);
      const text = toString(heading).replace(EXPLICIT_ID, '');
      out.push({ depth: heading.depth, text, id: id ?? slugger.slug(slugSource(heading)), explicit: id !== undefined, node: heading });
      return;
    }
    for (const child of (node.children ?? []) as { type: string; children?: unknown[] }[]) walk(child);
  };
  walk(tree);
  return out;
}

/**
 * remark plugin for the site: moves an explicit `{#id}` from the heading text into the element's id.
 */
export function remarkExplicitHeadingIds() {
  return (tree: Root) => {
    const visit = (node: { type: string; children?: unknown[] }) => {
      if (node.type === 'heading') {
        const heading = node as Heading;
        const id = explicitId(heading);
        if (id) {
          const last = heading.children.at(-1) as Text;
          last.value = last.value.replace(EXPLICIT_ID, '');
          // hProperties is how remark-rehype carries attributes into HTML (typed by mdast-util-to-hast).
          const data = (heading.data ?? {}) as { hProperties?: Record<string, unknown> };
          heading.data = { ...data, hProperties: { ...data.hProperties, id } } as Heading['data'];
        }
        return;
      }
      for (const child of (node.children ?? []) as { type: string; children?: unknown[] }[]) visit(child);
    };
    visit(tree);
  };
}
