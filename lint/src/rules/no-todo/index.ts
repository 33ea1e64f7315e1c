import type { Nodes } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { pointFinder as locator } from '../../engine/points.ts';
import { defineRule } from '../define.ts';

/** The marker `npm run new` leaves wherever a fact is still missing; upper case, as a whole word. */
export const TODO_MARKER = /(?<![A-Za-z0-9_])TODO(?![A-Za-z0-9_])/g;

export default defineRule({
  id: 'no-todo',
  description: 'No `TODO` placeholders (as left by `npm run new`) in frontmatter or body',
  severity: 'error',
  kinds: ['gotcha', 'profile', 'reference', 'catalog', 'translation'],
  scope: 'file',
  check(file, ctx) {
    if (!file.text.includes('TODO')) return;
    const tree = file.tree;
    // Code blocks may quote real scripts with their own TODO comments; they are exempt. Everything else,
    // frontmatter values and comments included, is the author's text.
    const exempt: [number, number][] = [];
    const headings: { offset: number; name: string }[] = [];
    let yamlEnd = -1;
    const walk = (node: Nodes) => {
      const pos = node.position;
      if (node.type === 'code' && pos?.start.offset !== undefined && pos.end.offset !== undefined) exempt.push([pos.start.offset, pos.end.offset]);
      if (node.type === 'yaml' && pos?.end.offset !== undefined) yamlEnd = pos.end.offset;
      if (node.type === 'heading' && pos?.start.offset !== undefined) headings.push({ offset: pos.start.offset, name: toString(node).trim() });
      if ('children' in node) for (const child of node.children as Nodes[]) walk(child);
    };
    if (tree) walk(tree);
    const at = locator(file.text);
    for (const m of file.text.matchAll(TODO_MARKER)) {
      const start = m.index ?? 0;
      if (exempt.some(([s, e]) => start >= s && start < e)) continue;
      const under = [...headings].reverse().find((h) => h.offset <= start);
      const where = start < yamlEnd ? 'the frontmatter' : under ? `section “${under.name}”` : 'the introduction';
      const lineEnd = file.text.indexOf('\n', start);
      const isUrl = /https?:\/\/\S*$/.test(file.text.slice(file.text.lastIndexOf('\n', start) + 1, start));
      ctx.report(file, {
        message: `Unexpected placeholder \`TODO\` in ${where}, expected ${isUrl ? 'the real source URL' : 'the real content'}`,
        place: { start: at(start), end: at(start + m[0].length) },
        note: `Scaffolded pages carry TODO markers until every fact, source and section is written. Line: \`${file.text.slice(file.text.lastIndexOf('\n', start) + 1, lineEnd === -1 ? undefined : lineEnd).trim().slice(0, 100)}\``,
      });
    }
  },
});
