/**
 * What content HTML may contain once rehype-raw has turned raw HTML into elements: GitHub's schema (the
 * default of hast-util-sanitize), with two changes the guide's own rendering needs. Everything later in the
 * pipeline (gotcha section wrappers, Expressive Code, Astro's heading ids) runs after the sanitiser and is ours.
 *
 * - `id`s stay as written: heading anchors (`{#name}` or generated) are the guide's link targets, checked by
 *   the linter, and GFM footnotes already carry remark-rehype's `user-content-` prefix; prefixing again would
 *   break both. `name` is still prefixed, since it is the attribute that clobbers `document.<name>`.
 * - Nothing else: no `style`, no event handlers, no `iframe`/`svg`/`script`/`style` elements, and links and
 *   images only with http(s)/mailto URLs or relative ones.
 */
import { defaultSchema, type Options } from 'rehype-sanitize';

export const contentSchema: Options = {
  ...defaultSchema,
  clobber: ['name'],
};
