/**
 * Vetting one regex signature: RE2 compiles it, and it stays inside what `grep -E` reads (the box script
 * greps the exported signatures). Nothing has to prove it free of catastrophic backtracking any more: every
 * tool that runs a signature runs it on RE2's automaton (lint/src/diagnose/signature-match.ts), whose time
 * is linear in the line for every pattern. The proof that used to stand in for that (recheck) called
 * `( | ){1,60}Killed` safe, and V8 then never finished that pattern on a line of spaces.
 */
import { compileRegex } from '../../diagnose/signature-match.ts';

export { compileSignature } from '../../diagnose/signature-match.ts';

/** Constructs JavaScript reads but POSIX ERE does not, with what to write instead. */
const NOT_ERE: [RegExp, string, string][] = [
  [/\(\?/, 'group modifier or lookaround `(?…)`', 'a plain group'],
  [/\\[dDwWsSbB]/, 'shorthand class (`\\d`, `\\w`, `\\s`, `\\b`)', '`[0-9]`, `[A-Za-z0-9_]` or a literal space'],
  [/[*+?}]\?/, 'lazy quantifier', 'a bounded repeat such as `.{0,80}`'],
  [/\\[1-9]/, 'back-reference', 'a literal'],
];

/** Why a regex signature is refused (RE2 does not compile it, or it is not POSIX ERE), or undefined. */
export function refuseRegex(source: string, flags = ''): string | undefined {
  try {
    compileRegex(source, flags);
  } catch (e) {
    return `Invalid regex \`${source}\`: ${(e as Error).message.replace(/^error parsing regexp: /, '')}`;
  }
  const unescaped = source.replace(/\\\\/g, '');
  for (const [re, what, instead] of NOT_ERE) if (re.test(unescaped)) return `Unexpected ${what} in regex \`${source}\`, expected POSIX ERE (the box script greps with \`grep -E\`): use ${instead}`;
  return undefined;
}
