import type { Heading, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { defineRule } from '../define.ts';

/** The three sections every gotcha has, in this order. */
export const GOTCHA_SECTIONS = ['Symptom', 'Root cause', 'Fix'] as const;

const norm = (s: string) => s.replace(/\{#[\w-]+\}\s*$/, '').trim().toLowerCase();

/** Section bodies: the nodes between a `##` heading and the next `##` (or higher). */
export function sections(children: readonly RootContent[]) {
  const out: { heading: Heading; body: RootContent[] }[] = [];
  for (const node of children) {
    if (node.type === 'heading' && node.depth <= 2) {
      // A `#` heading ends the section before it too; only `##` sections are kept below.
      out.push({ heading: node, body: [] });
      continue;
    }
    out.at(-1)?.body.push(node);
  }
  return out.filter((s) => s.heading.depth === 2);
}

/** Prose: something other than code blocks, HTML comments and thematic breaks. */
export const hasProse = (body: readonly RootContent[]) =>
  body.some((n) => !['code', 'html', 'thematicBreak', 'yaml'].includes(n.type) && toString(n).trim().length > 0);

export default defineRule({
  id: 'gotcha-structure',
  description: 'Gotchas have Symptom, Root cause and Fix sections, in order, with prose',
  severity: 'error',
  kinds: ['gotcha'],
  scope: 'file',
  check(file, ctx) {
    if (!file.tree) return;
    const found = sections(file.tree.children);
    let cursor = -1;
    for (const name of GOTCHA_SECTIONS) {
      const at = found.findIndex((s) => norm(toString(s.heading)) === name.toLowerCase());
      if (at === -1) {
        const inCode = file.tree.children.some((n) => n.type === 'code' && new RegExp(`^#{1,6}\\s+${name}\\b`, 'im').test(n.value));
        ctx.report(file, {
          message: `Missing section \`## ${name}\``,
          place: file.tree.position?.end,
          note: inCode ? `A \`${name}\` heading appears inside a fenced code block, where it is not a heading; close the fence before it.` : `Gotchas need \`## ${GOTCHA_SECTIONS.join('`, `## ')}\` in this order.`,
        });
        continue;
      }
      const section = found[at];
      if (at < cursor) {
        ctx.report(file, { message: `Unexpected section \`## ${name}\` out of order, expected ${GOTCHA_SECTIONS.map((s) => `\`${s}\``).join(' → ')}`, place: section.heading.position });
      }
      cursor = Math.max(cursor, at);
      const sub = section.body;
      if (!hasProse(sub)) {
        ctx.report(file, {
          message: sub.length ? `Section \`## ${name}\` holds only code, expected prose that explains it` : `Empty section \`## ${name}\``,
          place: section.heading.position,
        });
      }
    }
  },
});
