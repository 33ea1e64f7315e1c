/**
 * Reading shell blocks by their words, shared by the rules that judge what a pasted block would do
 * (`no-silent-delete`, `no-unverified-teardown`). Words, not regular expressions over whole lines: content
 * comes from pull requests, and patterns that rescan the rest of a line from every match are quadratic.
 */
import type { Code, Nodes, Root } from 'mdast';

/** Code block languages whose content a reader pastes into a terminal. */
export const SHELL = new Set(['bash', 'sh', 'shell', 'zsh', 'console']);

/** Every shell code block of a tree, in document order. */
export function shellBlocks(tree: Root): Code[] {
  const blocks: Code[] = [];
  const walk = (node: Nodes) => {
    if (node.type === 'code' && SHELL.has((node.lang ?? '').toLowerCase())) blocks.push(node);
    if ('children' in node) for (const child of node.children as Nodes[]) walk(child);
  };
  walk(tree);
  return blocks;
}

/** A line without its shell comment (a `#` that starts a word), so a commented-out example is not a command. */
export const withoutComment = (line: string) => line.replace(/(^|\s)#.*$/, '$1');

/** One command of a line: its words, its offset, and the operator that joins it to the command before. */
export interface Command {
  at: number;
  words: string[];
  /** `&&`, `||`, `;`, `|`, `&`, `(`, `)` or `` for the first command of the line. */
  after: string;
}

/**
 * The commands of a line with the operators between them: split at `;`, `&`, `|` and parentheses, the way
 * the shell separates commands (quoting aside: a `;` inside quotes splits too, which only ever adds a
 * command, never hides one).
 */
export function commandList(line: string): Command[] {
  const out: Command[] = [];
  let op = '';
  for (const m of line.matchAll(/&&|\|\||[;&|()]|[^;&|()]+/g)) {
    const text = m[0];
    if (/^(?:&&|\|\||[;&|()])$/.test(text)) {
      op = text;
      continue;
    }
    const words = text.split(/\s+/).filter(Boolean);
    if (words.length === 0) continue;
    out.push({ at: m.index, words, after: op });
    op = '';
  }
  return out;
}

/** The commands of a line, each with its offset (operators dropped). */
export const commands = (line: string) => commandList(line).map(({ at, words }) => ({ at, words }));

/**
 * A block's lines joined where the shell joins them: a trailing `\`, or a line ending in `&&`, `||` or `|`,
 * continues on the next. Each logical line keeps the index of the physical line it starts on.
 */
export function logicalLines(value: string): { text: string; first: number; last: number }[] {
  const out: { text: string; first: number; last: number }[] = [];
  let text = '';
  let first = -1;
  value.split('\n').forEach((raw, i) => {
    const line = withoutComment(raw);
    if (first === -1) first = i;
    const trimmed = line.trimEnd();
    if (trimmed.endsWith('\\')) {
      text += `${trimmed.slice(0, -1)} `;
      return;
    }
    text += line;
    if (/(?:&&|\|\||\|)\s*$/.test(trimmed)) {
      text += ' ';
      return;
    }
    out.push({ text, first, last: i });
    text = '';
    first = -1;
  });
  if (first !== -1) out.push({ text, first, last: value.split('\n').length - 1 });
  return out;
}

/**
 * Where each physical line of a shell block starts in the file's text, or -1 for a blank line or one not
 * found: a block's value drops a list item's indentation, so each line is looked for in the source, in order.
 */
export function lineStarts(text: string, block: Code): number[] {
  let cursor = block.position?.start.offset ?? 0;
  return block.value.split('\n').map((line) => {
    const found = line.trim() ? text.indexOf(line.trim(), cursor) : -1;
    if (found >= 0) cursor = found + line.trim().length;
    return found;
  });
}
