import { pointFinder } from '../../engine/points.ts';
import { defineRule } from '../define.ts';
import { commands, lineStarts, shellBlocks, withoutComment } from '../shell-words.ts';

/**
 * What kind of removal one command is, from its words, if it can take more than the one file a reader named:
 * recursive `rm`, `rm` of a glob, `find` that deletes, `xargs rm`. A plain `rm -f -- "$tmp"` of a file the
 * block itself created is none of them. The most specific first: `find … -exec rm -rf` is named as a find.
 * Words, not regular expressions: content comes from pull requests, and the patterns this replaced rescanned
 * the rest of a line from every `find`, `xargs` or `rm` in it (a 40 KB line took a second, 1 MB minutes).
 */
function removal(words: string[]): string | undefined {
  const find = words.indexOf('find');
  if (find !== -1 && words.some((w, i) => i > find && (w === '-delete' || (/^-exec(?:dir)?$/.test(w) && words[i + 1] === 'rm')))) return '`find` that deletes';
  const xargs = words.indexOf('xargs');
  if (xargs !== -1 && words.indexOf('rm', xargs) !== -1) return '`xargs rm`';
  const rm = words.indexOf('rm');
  if (rm === -1) return undefined;
  const args = words.slice(rm + 1);
  const operand = args.findIndex((w) => !w.startsWith('-') || w === '--');
  const options = operand === -1 ? args : args.slice(0, operand);
  // Two plain tests, not `^-[a-zA-Z]*[rR][a-zA-Z]*$`, which backtracks over a long word that fails at its end.
  if (options.some((w) => (/^-[a-zA-Z]+$/.test(w) && /[rR]/.test(w)) || w === '--recursive')) return 'recursive `rm`';
  // A glob before any redirection: what the shell expands into paths nobody listed.
  if (/[*?]/.test(args.join(' ').split(/[<>]/)[0])) return '`rm` of a glob';
  return undefined;
}

/** The record the deliver page asks for: an approval appended to the deletion log before the removal. */
const LOGGED = /DELETIONS\.log/;

export default defineRule({
  id: 'no-silent-delete',
  description: 'A shell block that deletes recursively or by pattern first logs the approval in `DELETIONS.log`',
  severity: 'error',
  kinds: ['gotcha', 'profile', 'reference', 'catalog'],
  scope: 'file',
  check(file, ctx) {
    const tree = file.tree;
    if (!tree) return;
    const blocks = shellBlocks(tree);
    if (!blocks.length) return;
    const at = pointFinder(file.text);
    for (const block of blocks) {
      let logged = false;
      const starts = lineStarts(file.text, block);
      for (const [n, line] of block.value.split('\n').entries()) {
        const found = starts[n]!;
        const cmd = withoutComment(line);
        const hit = commands(cmd)
          .map((c) => ({ at: c.at, what: removal(c.words) }))
          .find((c) => c.what);
        if (hit && !logged && !LOGGED.test(cmd.slice(0, hit.at))) {
          const start = found >= 0 ? found : (block.position?.start.offset ?? 0);
          ctx.report(file, {
            message: `Unexpected ${hit.what} without a logged approval, expected a line that appends the approval to \`DELETIONS.log\` before it`,
            place: { start: at(start), end: at(start + line.trim().length) },
            note: `A reader pastes this block on the box. Removing more than one named file needs the owner's yes for those paths, written into DELETIONS.log first (see the deliver page, "No silent deletes"). Line: \`${line.trim().slice(0, 100)}\``,
          });
        }
        if (LOGGED.test(cmd)) logged = true;
      }
    }
  },
});
