/**
 * Vetting one regex signature: it compiles, stays inside what `grep -E` reads (the box script greps the
 * exported signatures), and cannot backtrack catastrophically. The backtracking proof is recheck's
 * (https://makenowjust-labs.github.io/recheck/), with its automaton checker; its worker takes about a second
 * to start, so verdicts are kept per process, and the linter's file cache keeps them across runs.
 */
import { createRequire } from 'node:module';

/**
 * recheck is 2.6 MB of Scala.js (~150 ms to load): required on the first pattern that needs proving, so a
 * run the cache answers, or a corpus without regex signatures, never loads it.
 */
let recheck: typeof import('recheck') | undefined;
const checkSync: typeof import('recheck').checkSync = (...args) => (recheck ??= createRequire(import.meta.url)('recheck') as typeof import('recheck')).checkSync(...args);

/** Constructs JavaScript reads but POSIX ERE does not, with what to write instead. */
const NOT_ERE: [RegExp, string, string][] = [
  [/\(\?/, 'group modifier or lookaround `(?…)`', 'a plain group'],
  [/\\[dDwWsSbB]/, 'shorthand class (`\\d`, `\\w`, `\\s`, `\\b`)', '`[0-9]`, `[A-Za-z0-9_]` or a literal space'],
  [/[*+?}]\?/, 'lazy quantifier', 'a bounded repeat such as `.{0,80}`'],
  [/\\[1-9]/, 'back-reference', 'a literal'],
];

const verdicts = new Map<string, string | undefined>();

/** Why a regex signature is refused, or undefined when it is fine. */
export function vetRegex(source: string, flags = ''): string | undefined {
  const key = `${flags}/${source}`;
  if (verdicts.has(key)) return verdicts.get(key);
  const verdict = judge(source, flags);
  verdicts.set(key, verdict);
  return verdict;
}

function judge(source: string, flags: string): string | undefined {
  try {
    new RegExp(source, flags);
  } catch (e) {
    return `Invalid regex \`${source}\`: ${(e as Error).message.replace(/^Invalid regular expression: /, '')}`;
  }
  const unescaped = source.replace(/\\\\/g, '');
  for (const [re, what, instead] of NOT_ERE) if (re.test(unescaped)) return `Unexpected ${what} in regex \`${source}\`, expected POSIX ERE (the box script greps with \`grep -E\`): use ${instead}`;
  // The automaton checker decides exactly, in milliseconds a pattern once loaded. recheck's default ("auto")
  // fuzzes most patterns instead: about a second each (7 s of a cold lint of the corpus for 7 patterns), and
  // under load it ran out of time and answered "unknown". Its one limit, back-references and lookarounds,
  // is refused above as outside POSIX ERE.
  const result = checkSync(source, flags, { timeout: 10_000, checker: 'automaton' });
  if (result.status === 'vulnerable') {
    const attack = result.attack ? `, e.g. on \`${result.attack.pattern}\`` : '';
    return `Unexpected catastrophic backtracking (${result.complexity.type}) in regex \`${source}\`${attack}, expected a linear pattern: prefer a literal, or bound repeats (\`.{0,80}\`) and anchor the start`;
  }
  if (result.status === 'unknown') return `Could not prove regex \`${source}\` free of catastrophic backtracking (${result.error.kind}), expected a simpler pattern or a literal`;
  return undefined;
}
