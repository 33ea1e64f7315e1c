/**
 * Astro's Markdown processor ends every render with rehype-raw, which sends the whole tree through parse5 and
 * builds it anew so that raw HTML written in the Markdown becomes elements. A page without raw HTML comes
 * out of that round trip as the same document (on this corpus, the same bytes; a boolean data attribute such
 * as GFM footnotes' would be written bare rather than as `=""`), yet paid for it: ~0.2 s of content sync,
 * highlighted code blocks (a span per token) most.
 *
 * Astro adds rehype-raw itself, after every configured plugin, so this plugin cannot run after it: it is
 * installed as a rehype plugin and, while the processor is being frozen, swaps rehype-raw's entry in the
 * processor's plugin list for one that skips trees without a `raw` node. site/lib/rehype-raw-when-needed.test.ts
 * renders every content file both ways and holds the HTML equal, and generated Markdown to the same document.
 */
import rehypeRaw, { type Options } from 'rehype-raw';
import type { Processor } from 'unified';
import type { Nodes, Root } from 'hast';

function hasRaw(node: Nodes): boolean {
  return (node.type as string) === 'raw' || ('children' in node && node.children.some(hasRaw));
}

function rehypeRawOnlyWithRaw(options?: Options) {
  const raw = rehypeRaw(options);
  return (tree: Root, file: Parameters<typeof raw>[1]) => (hasRaw(tree) ? raw(tree, file) : undefined);
}

export function rehypeRawWhenNeeded(this: Processor) {
  for (const entry of this.attachers) if ((entry[0] as unknown) === rehypeRaw) entry[0] = rehypeRawOnlyWithRaw as unknown as (typeof entry)[0];
}
