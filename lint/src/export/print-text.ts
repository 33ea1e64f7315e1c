/**
 * mdast-util-to-markdown's text handler, answering at once for text that needs no escaping.
 *
 * The printer escapes a text node by running each of its ~90 "unsafe" patterns that apply where the node
 * sits (in a paragraph, a table cell, a link label…) over the text with its neighbouring characters, then
 * splicing escapes in where they matched. For the generated blocks of llms-full.txt (~14,000 short text
 * nodes) that loop was most of the file's print time. Those same patterns, joined into one expression per
 * place, tell in one test whether any of them matches; when none does and no backslash is near, the printer
 * would return the text unchanged, so this handler returns it without the loop. Anything else goes to the
 * printer's own handler. lint/test/print-text.test.ts compares the two on generated trees.
 */
import { defaultHandlers, type Handle, type State, type Unsafe } from 'mdast-util-to-markdown';

/** One expression per construct stack, for each set of patterns (the set is fixed per `toMarkdown` call). */
const joinedByStack = new WeakMap<readonly Unsafe[], Map<string, RegExp | null>>();

const inList = (stack: readonly string[], list: Unsafe['inConstruct'], none: boolean) => {
  if (list === undefined || list === null || list.length === 0) return none;
  return (typeof list === 'string' ? [list] : list).some((c) => stack.includes(c));
};

const escapeChar = (c: string) => (/[$()*+.?[\\\]^{|}]/.test(c) ? `\\${c}` : c);

/**
 * Every pattern in scope for this stack as one expression matching at the pattern's character, with its
 * before- and after-conditions as lookarounds, so a match's index is the place the printer would escape. Null
 * when a pattern is of a kind the printer matches against a slice of the text (`beforeNode`, `afterNode`) or
 * in Unicode mode: those keep the slow path.
 */
function joinedPatterns(state: State): RegExp | null {
  let byStack = joinedByStack.get(state.unsafe);
  if (!byStack) joinedByStack.set(state.unsafe, (byStack = new Map()));
  const key = state.stack.join('\u0000');
  let joined = byStack.get(key);
  if (joined === undefined) {
    const inScope = state.unsafe.filter((p) => inList(state.stack, p.inConstruct, true) && !inList(state.stack, p.notInConstruct, false));
    joined = inScope.some((p) => p.beforeNode || p.afterNode || (p as { unicode?: boolean }).unicode)
      ? null
      : new RegExp(
          inScope
            .map((p) => {
              const before = (p.atBreak ? '[\\r\\n][\\t ]*' : '') + (p.before ? `(?:${p.before})` : '');
              return (before ? `(?<=${before})` : '') + escapeChar(p.character) + (p.after ? `(?=${p.after})` : '');
            })
            .join('|') || '(?!)',
          'g',
        );
    byStack.set(key, joined);
  }
  return joined;
}

export const text: Handle = (node, parent, state, info) => {
  const value: string = node.value;
  const before = info.before ?? '';
  const after = info.after ?? '';
  // The printer also escapes a backslash that ends up before punctuation; leave those to it.
  if (!value.includes('\\') && !after.includes('\\')) {
    const joined = joinedPatterns(state);
    if (joined) {
      // The first place at or after the text's start where any pattern applies; none inside the text means
      // the printer would return the text as it is.
      joined.lastIndex = before.length;
      const hit = joined.exec(before + value + after);
      if (!hit || hit.index >= before.length + value.length) return value;
    }
  }
  return defaultHandlers.text(node, parent, state, info);
};
