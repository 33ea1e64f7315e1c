import type { Nodes } from 'mdast';
import type { Element, Nodes as HastNodes } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import type { Point } from 'unist';
import { defineRule } from '../define.ts';

/** Elements an author may write as raw HTML, and only bare: any attribute can carry script or styling. */
export const ALLOWED_ELEMENTS = new Set(['br', 'kbd', 'sub', 'sup', 'details', 'summary']);

/**
 * Schemes a browser runs or renders in place of following a link. Browsers drop ASCII tabs, newlines and
 * leading control characters before reading the scheme (`java\tscript:` runs), so the check does too.
 */
const DANGEROUS_SCHEME = /^(javascript|vbscript|data):/;
export const dangerousScheme = (url: string): string | undefined =>
  DANGEROUS_SCHEME.exec(url.replace(/[\u0000-\u0020\u007f]+/g, '').toLowerCase())?.[1];

/** A point inside an HTML node's value, from the hast position parse5 gives relative to that value. */
function within(start: Point, rel: Point | undefined): Point {
  if (!rel) return start;
  return rel.line === 1 ? { line: start.line, column: start.column + rel.column - 1 } : { line: start.line + rel.line - 1, column: rel.column };
}

function forbiddenElements(html: string): Element[] {
  const found: Element[] = [];
  const walk = (node: HastNodes) => {
    if (node.type === 'element') {
      const bare = Object.keys(node.properties).length === 0;
      if (!ALLOWED_ELEMENTS.has(node.tagName) || !bare) found.push(node);
    }
    if ('children' in node) for (const child of node.children) walk(child);
  };
  walk(fromHtml(html, { fragment: true }));
  return found;
}

export default defineRule({
  id: 'no-raw-html',
  description: 'No raw HTML beyond bare <br>, <kbd>, <sub>, <sup>, <details>, <summary>; no javascript:, data: or vbscript: URLs',
  severity: 'error',
  kinds: ['gotcha', 'profile', 'reference', 'catalog', 'rule-doc', 'translation'],
  scope: 'file',
  check(file, ctx) {
    if (!file.tree) return;
    const walk = (node: Nodes) => {
      const start = node.position?.start;
      if (node.type === 'html' && start) {
        for (const el of forbiddenElements(node.value)) {
          const attrs = Object.keys(el.properties);
          const allowed = ALLOWED_ELEMENTS.has(el.tagName);
          ctx.report(file, {
            message: allowed
              ? `Unexpected attribute${attrs.length > 1 ? 's' : ''} on raw \`<${el.tagName}>\`, expected the bare tag`
              : `Unexpected raw HTML element \`<${el.tagName}>\`, expected Markdown or one of ${[...ALLOWED_ELEMENTS].map((t) => `\`<${t}>\``).join(', ')}`,
            place: within(start, el.position?.start),
            note: 'Pages are built from pull requests; raw HTML could run script or restyle the page in a reader\'s browser. Write it in Markdown, or put markup you mean to show in backticks.',
          });
        }
      }
      if ((node.type === 'link' || node.type === 'image' || node.type === 'definition') && start) {
        const scheme = dangerousScheme(node.url);
        if (scheme)
          ctx.report(file, {
            message: `Unexpected \`${scheme}:\` URL in ${node.type === 'image' ? 'an image' : 'a link'}, expected an \`https:\` URL or a guide link`,
            place: node.position,
            note: 'A `javascript:` or `vbscript:` URL runs script when followed and a `data:` URL can carry a whole page; none belongs in the guide.',
          });
      }
      if ('children' in node) for (const child of node.children as Nodes[]) walk(child);
    };
    walk(file.tree);
  },
});
