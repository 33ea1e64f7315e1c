import type { Code, Nodes } from 'mdast';
import { pointFinder as locator } from '../../engine/points.ts';
import { defineRule } from '../define.ts';

/** Shell code blocks: the ones a reader pastes into a terminal on the box. */
const SHELL = new Set(['bash', 'sh', 'shell', 'zsh', 'console']);

/**
 * Removals that can take more than the one file a reader named: recursive `rm`, `rm` of a glob, `find` that
 * deletes, and `xargs rm`. A plain `rm -f -- "$tmp"` of a file the block itself created is not one of them.
 */
// The most specific first: `find … -exec rm -rf` is named as a find, not as the rm inside it.
const DELETES: [RegExp, string][] = [
  [/(?:^|[\s;&|(])find\s[^;&|]*?\s-(?:delete\b|exec(?:dir)?\s+rm\b)/, '`find` that deletes'],
  [/(?:^|[\s;&|(])xargs\s[^;&|]*?\brm\b/, '`xargs rm`'],
  [/(?:^|[\s;&|(])rm\s+(?:-[\w-]*\s+)*(?:-[a-zA-Z]*[rR][a-zA-Z]*|--recursive)(?=\s|$)/, 'recursive `rm`'],
  [/(?:^|[\s;&|(])rm\s+[^;&|<>]*?[*?]/, '`rm` of a glob'],
];

/** The record the deliver page asks for: an approval appended to the deletion log before the removal. */
const LOGGED = /DELETIONS\.log/;

/** A line without its shell comment (a `#` that starts a word), so a commented-out example is not a command. */
const command = (line: string) => line.replace(/(^|\s)#.*$/, '$1');

export default defineRule({
  id: 'no-silent-delete',
  description: 'A shell block that deletes recursively or by pattern first logs the approval in `DELETIONS.log`',
  severity: 'error',
  kinds: ['gotcha', 'profile', 'reference', 'catalog'],
  scope: 'file',
  check(file, ctx) {
    const tree = file.tree;
    if (file.readProblem || !tree) return;
    const blocks: Code[] = [];
    const walk = (node: Nodes) => {
      if (node.type === 'code' && SHELL.has((node.lang ?? '').toLowerCase())) blocks.push(node);
      if ('children' in node) for (const child of node.children as Nodes[]) walk(child);
    };
    walk(tree);
    if (!blocks.length) return;
    const at = locator(file.text);
    for (const block of blocks) {
      let cursor = block.position?.start.offset ?? 0;
      let logged = false;
      for (const line of block.value.split('\n')) {
        // The value drops a list item's indentation, so find each line in the source to place the finding.
        const found = line.trim() ? file.text.indexOf(line.trim(), cursor) : -1;
        if (found >= 0) cursor = found + line.trim().length;
        const cmd = command(line);
        const hit = DELETES.find(([re]) => re.test(cmd));
        if (hit && !logged && !LOGGED.test(cmd.slice(0, cmd.search(hit[0])))) {
          const start = found >= 0 ? found : (block.position?.start.offset ?? 0);
          ctx.report(file, {
            message: `Unexpected ${hit[1]} without a logged approval, expected a line that appends the approval to \`DELETIONS.log\` before it`,
            place: { start: at(start), end: at(start + line.trim().length) },
            note: `A reader pastes this block on the box. Removing more than one named file needs the owner's yes for those paths, written into DELETIONS.log first (see the deliver page, "No silent deletes"). Line: \`${line.trim().slice(0, 100)}\``,
          });
        }
        if (LOGGED.test(cmd)) logged = true;
      }
    }
  },
});
