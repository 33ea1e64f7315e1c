/**
 * What the Markdown parser is given at most. micromark's time and memory grow faster than the text on some
 * shapes: it pairs emphasis, strikethrough and bracket markers by looking back from each closing one over
 * the paragraph so far (120 KB of alternating `*_` took over a minute, `]`×200,000 and `x*`×345,000 never
 * finished, 4,900 `x*` in one paragraph took 2 s), a paragraph of 20,000 lines took ten times as long as one
 * of 10,000, and 1 MiB of plain list items took 96 s and 3.5 GB. So every Markdown file is measured first,
 * in one pass over its characters, and a file past any bound is one positioned finding instead of a parse:
 * in the linter, and in the site build, which checks the same files with this module before its content
 * layer parses them (site/lib/corpus-gate.ts).
 *
 * Each bound is more than eight times what the largest real page needs (docs/PERFORMANCE.md, "Input
 * bounds", has the measurements), so no page a person writes comes near one.
 */
import { pointFinder } from './points.ts';

/** A Markdown file of more characters than this is not parsed (the largest page has 19,210). */
export const MAX_MARKDOWN_CHARS = 256 * 1024;
/** Lines in a Markdown file (the longest page has 366). */
export const MAX_MARKDOWN_LINES = 5000;
/** Characters that open or close inline constructs the parser pairs up (the most any page has is 571). */
export const MAX_INLINE_MARKS = 5000;
export const INLINE_MARKS = '*_~[]|<`';
/**
 * The same characters between two blank lines (the most any real block has is 122, a table). micromark pairs
 * them within one paragraph, heading or cell, never across a blank line, and the pairing is what grows with
 * the square: 4,900 of them in one paragraph took 1-2 s (7-10 s on a loaded machine), four paragraphs of
 * 1,000 a fifth of that.
 */
export const MAX_BLOCK_MARKS = 1000;
const MARKS_SHOWN = '`*` `_` `~` `[` `]` `|` `<` and backticks';
/** Same marker in a row (a real page has at most 4; horizontal rules and fences use 3 to 10). */
export const MAX_MARKER_RUN = 1000;
/** Lists and quotes inside each other (200 deep took micromark a second, 1,000 never finished). */
export const MAX_NESTING = 100;

export interface BoundProblem {
  message: string;
  place: { line: number; column: number };
}

const MARK = new Uint8Array(128);
for (const c of INLINE_MARKS) MARK[c.charCodeAt(0)] = 1;
const RUN_MARKERS = '*_~`';
const TOO_LONG_RUNS = [...RUN_MARKERS].map((c) => c.repeat(MAX_MARKER_RUN + 1));

const NL = 10;
const CR = 13;

/** Why a Markdown text must not be parsed, positioned at the character that crossed a bound, or undefined. */
export function markdownBoundProblem(text: string): BoundProblem | undefined {
  const at = (offset: number) => {
    const { line, column } = pointFinder(text)(offset);
    return { line, column };
  };
  // Characters, not bytes: a text of 256 Ki characters is at least that many bytes, and the count is free.
  if (text.length > MAX_MARKDOWN_CHARS) return { message: `Markdown file too large to parse: ${text.length} characters, expected at most ${MAX_MARKDOWN_CHARS}`, place: at(MAX_MARKDOWN_CHARS) };
  // A string search per marker: a character-by-character comparison of runs cost more than the loop below.
  const runs = TOO_LONG_RUNS.map((run) => ({ run, found: text.indexOf(run) })).filter((r) => r.found !== -1);
  if (runs.length) {
    const first = runs.reduce((a, b) => (b.found < a.found ? b : a));
    return { message: `Unexpected run of more than ${MAX_MARKER_RUN} \`${first.run[0]}\` characters`, place: at(first.found) };
  }
  let lines = 1;
  let marks = 0;
  // Marks since the last blank line, and whether the current line has anything but spaces and tabs. A line
  // that looks blank only inside a container (`>` alone) does not reset the count: it over-counts, never under.
  let blockMarks = 0;
  let lineUsed = false;
  let crowded: number | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // micromark ends a line at CR, LF or CRLF: a file of bare CRs is as many lines to it.
    if (c === NL || (c === CR && text.charCodeAt(i + 1) !== NL)) {
      if (++lines > MAX_MARKDOWN_LINES) return { message: `Unexpected Markdown file of more than ${MAX_MARKDOWN_LINES} lines, expected a page that short (split it)`, place: at(i + 1) };
      if (!lineUsed) blockMarks = 0;
      lineUsed = false;
    } else if (c < 128 && MARK[c] === 1) {
      lineUsed = true;
      if (++marks > MAX_INLINE_MARKS) return { message: `Unexpected Markdown file with more than ${MAX_INLINE_MARKS} of the characters ${MARKS_SHOWN}, expected at most that many (the parser pairs them up)`, place: at(i) };
      if (++blockMarks > MAX_BLOCK_MARKS && crowded === undefined) crowded = i;
    } else if (c !== 32 && c !== 9 && c !== CR) {
      lineUsed = true;
    }
  }
  // Reported only when no bound on the whole file was passed: that one says more about such a file.
  if (crowded !== undefined) return { message: `Unexpected paragraph with more than ${MAX_BLOCK_MARKS} of the characters ${MARKS_SHOWN} between two blank lines, expected at most that many (the parser pairs them up within a paragraph; split it with blank lines)`, place: at(crowded) };
  const container = /^[ \t]*(?:>[ \t]*|(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$))+/gm;
  for (const m of text.matchAll(container)) {
    const markers = m[0].match(/>|[-*+]|\d+[.)]/g)?.length ?? 0;
    const indent = /^[ \t]*/.exec(m[0])![0].replace(/\t/g, '    ').length;
    if (markers + indent / 2 > MAX_NESTING) return { message: `Unexpected nesting deeper than ${MAX_NESTING} lists or quotes`, place: at(m.index) };
  }
  return undefined;
}
