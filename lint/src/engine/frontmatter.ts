/**
 * The one frontmatter reader of the project. The data is what Astro gives the content collections: js-yaml's
 * `load` with its default schema (node_modules/@astrojs/internal-helpers/dist/frontmatter.js), so `title:
 * 2026-06-01` is a Date here exactly as it is in `npm run build`. `yaml` is used only for positions (and for
 * the words of a syntax error), parsed on first use with its LineCounter, the approach of
 * starlight-links-validator's frontmatter.ts. Input built to exhaust a recursive parser (deep nesting, many
 * aliases, a huge block) is refused before either parser sees it.
 */
import jsYaml from 'js-yaml';
import { LineCounter, parseDocument, isMap, isSeq, isScalar, type Node as YamlNode } from 'yaml';
import type { Point, Position } from 'unist';
import type { FrontmatterFields } from '../schema/fields.ts';

export interface FrontmatterProblem {
  message: string;
  place: Point | Position;
}

/** Where a block sits in its file, enough to parse it again for positions. */
export interface FrontmatterSource {
  text: string;
  /** File line of the opening fence. */
  startLine: number;
  /** File offset where the YAML text begins. */
  startOffset: number;
  /** Characters stripped from the start of every line (2 for `# ` in script metadata). */
  columnOffset: number;
}

/** A frontmatter as plain data: what a cache stores and `frontmatterFrom` turns back into a Frontmatter. */
export interface FrontmatterData {
  /** Parsed data (`{}` when missing or broken): the content model's keys, values not yet checked. */
  data: FrontmatterFields;
  /** Whether the file had a frontmatter block at all. */
  present: boolean;
  /** YAML problems, positioned in the file. */
  problems: FrontmatterProblem[];
  source?: FrontmatterSource;
}

export interface Frontmatter extends FrontmatterData {
  /** File position of the value at a key path; falls back to the nearest ancestor that exists. */
  positionOf(path: readonly PropertyKey[]): Position;
  /** File position of the key itself at a key path (for "remove this key"). */
  keyPositionOf(path: readonly PropertyKey[]): Position;
}

/** Deeper than any real frontmatter; far inside what js-yaml's and yaml's recursion survive. */
const MAX_DEPTH = 64;
/** Aliases beyond this are refused: each can stand for a whole subtree ("billion laughs"). */
const MAX_ALIASES = 50;
/** Real frontmatter is a few hundred bytes. */
const MAX_BYTES = 256 * 1024;
/**
 * Values and string characters the data may hold once aliases are expanded. js-yaml shares an aliased node
 * rather than copying it, so 45 aliases that each name the one before twice load at once and stand for 2^44
 * values: whatever walks the data next (the schema check, the lint cache's JSON, Astro's data store, which
 * failed with "Invalid string length") takes minutes and gigabytes. The fullest real frontmatter (the China
 * profile) holds 288 values and 4,428 characters.
 */
const MAX_EXPANDED_VALUES = 10_000;
const MAX_EXPANDED_CHARS = 1024 * 1024;

const blockStartAt = (line: number): Position => ({ start: { line, column: 1 }, end: { line, column: 4 } });

/** The frontmatter of a YAML block (`undefined`: the file has none). Never throws. */
export function readFrontmatter(yamlText: string | undefined, startLine = 1, startOffset = 0, columnOffset = 0): Frontmatter {
  if (yamlText === undefined) return frontmatterFrom({ data: {}, present: false, problems: [] }, startLine);
  const source = { text: yamlText, startLine, startOffset, columnOffset };
  const refused = refusal(source);
  if (refused) return frontmatterFrom({ data: {}, present: true, problems: [refused] }, startLine);
  let value: unknown;
  try {
    value = jsYaml.load(yamlText);
  } catch (error) {
    return frontmatterFrom({ data: {}, present: true, problems: syntaxProblems(source, error as jsYaml.YAMLException), source }, startLine);
  }
  if (value === null || value === undefined) return frontmatterFrom({ data: {}, present: true, problems: [], source }, startLine);
  if (typeof value !== 'object' || Array.isArray(value)) {
    return frontmatterFrom({ data: {}, present: true, problems: [{ message: 'Unexpected frontmatter, expected a YAML mapping of `key: value` lines', place: blockStartAt(startLine) }], source }, startLine);
  }
  const expanded = expansionProblem(value);
  if (expanded) return frontmatterFrom({ data: {}, present: true, problems: [{ message: expanded, place: firstAlias(source) ?? blockStartAt(startLine) }], source }, startLine);
  return frontmatterFrom({ data: value as Record<string, unknown>, present: true, problems: [], source }, startLine);
}

/** Why loaded data is too big once its aliases are expanded, or undefined; stops counting at the bound. */
function expansionProblem(value: unknown): string | undefined {
  let values = 0;
  let chars = 0;
  const stack: unknown[] = [value];
  while (stack.length) {
    const v = stack.pop();
    if (++values > MAX_EXPANDED_VALUES) return `Frontmatter holds more than ${MAX_EXPANDED_VALUES} values once its aliases are expanded, expected a plain mapping (write the values out)`;
    if (typeof v === 'string' && (chars += v.length) > MAX_EXPANDED_CHARS) return `Frontmatter holds more than ${MAX_EXPANDED_CHARS} characters once its aliases are expanded, expected a plain mapping (write the values out)`;
    if (Array.isArray(v)) stack.push(...v);
    else if (v && typeof v === 'object' && !(v instanceof Date)) for (const [k, item] of Object.entries(v)) stack.push(k, item);
  }
  return undefined;
}

/** Where the first alias (`*name`) of a block is, for a problem about aliases. */
function firstAlias(source: FrontmatterSource): Point | undefined {
  const m = /(^|[\s,[{:-])\*[^\s,\]}]/.exec(source.text);
  return m ? pointAt(source, m.index + m[1].length) : undefined;
}

/** A positioned problem when the block is too large, too deep or has too many aliases to parse safely. */
function refusal(source: FrontmatterSource): FrontmatterProblem | undefined {
  const { text } = source;
  const at = (offset: number) => pointAt(source, offset);
  if (text.length > MAX_BYTES) return { message: `Frontmatter too large: ${text.length} characters, at most ${MAX_BYTES}`, place: at(0) };
  let flow = 0;
  let aliases = 0;
  const indents: number[] = [];
  let lineStart = 0;
  // YAML ends a line at CR, LF or CRLF: a scan that knew only LF saw a block of bare CRs as one line, and
  // its aliases (each after a CR, which the alias test below did not count as a separator) went uncounted.
  const breaks = /\r\n?|\n/g;
  while (lineStart <= text.length) {
    breaks.lastIndex = lineStart;
    const found = breaks.exec(text);
    const end = found ? found.index : text.length;
    const next = found ? end + found[0].length : text.length + 1;
    const line = text.slice(lineStart, end);
    // Block nesting: each deeper indent (a `- ` counts as one) is a level.
    const lead = /^([ \t]*(?:-[ \t]+)*)/.exec(line)![1];
    if (line.trim() && !line.trimStart().startsWith('#')) {
      const indent = lead.length;
      while (indents.length && indents.at(-1)! >= indent) indents.pop();
      indents.push(indent);
      const depth = indents.length + (lead.match(/-/g)?.length ?? 0);
      if (depth > MAX_DEPTH) return { message: `Frontmatter nested deeper than ${MAX_DEPTH} levels`, place: at(lineStart) };
    }
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (c === '[' || c === '{') {
        if (++flow > MAX_DEPTH) return { message: `Frontmatter brackets nested deeper than ${MAX_DEPTH} levels`, place: at(lineStart + i) };
      } else if ((c === ']' || c === '}') && flow > 0) flow--;
      else if (c === '*' && (i === 0 || ' \t,[{:-'.includes(line[i - 1])) && /[^\s,\]}]/.test(line[i + 1] ?? ' ')) {
        if (++aliases > MAX_ALIASES) return { message: `Frontmatter uses more than ${MAX_ALIASES} aliases`, place: at(lineStart + i) };
      }
    }
    lineStart = next;
  }
  return undefined;
}

/** Syntax errors in `yaml`'s words and positions; js-yaml's own when `yaml` finds nothing wrong. */
function syntaxProblems(source: FrontmatterSource, error: jsYaml.YAMLException): FrontmatterProblem[] {
  const { doc, counter } = parsePositions(source);
  const toPoint = pointsOf(source, counter);
  const problems = doc.errors.map((e) => ({ message: `Broken YAML frontmatter: ${e.message.split('\n')[0]}`, place: { start: toPoint(e.pos[0]), end: toPoint(e.pos[1]) } }));
  if (problems.length) return problems;
  const mark = error.mark;
  const place = mark ? { line: mark.line + source.startLine + 1, column: mark.column + 1 + source.columnOffset, offset: mark.position + source.startOffset } : blockStartAt(source.startLine);
  return [{ message: `Broken YAML frontmatter: ${error.reason ?? error.message.split('\n')[0]}`, place }];
}

function parsePositions(source: FrontmatterSource) {
  const counter = new LineCounter();
  // logLevel 'error': `yaml` would otherwise print process warnings into the linter's output.
  const doc = parseDocument(source.text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true, logLevel: 'error' });
  return { doc, counter };
}

/** File points for offsets into the block; the YAML starts on the line after the opening fence. */
function pointsOf(source: FrontmatterSource, counter: LineCounter) {
  return (offset: number): Point => {
    const { line, col } = counter.linePos(offset);
    return { line: line + source.startLine, column: col + source.columnOffset, offset: offset + source.startOffset };
  };
}

function pointAt(source: FrontmatterSource, offset: number): Point {
  const before = source.text.slice(0, offset);
  const line = (before.match(/\n/g)?.length ?? 0) + 1;
  return { line: line + source.startLine, column: offset - before.lastIndexOf('\n') + source.columnOffset, offset: offset + source.startOffset };
}

/** A Frontmatter from its plain data: positions are worked out by `yaml` the first time one is asked for. */
export function frontmatterFrom(fm: FrontmatterData, startLine = fm.source?.startLine ?? 1): Frontmatter {
  const blockStart = blockStartAt(startLine);
  let lookup: ((path: readonly PropertyKey[], wantKey: boolean) => Position) | undefined;
  const find = (path: readonly PropertyKey[], wantKey: boolean) => {
    const quick = wantKey && path.length === 1 && fm.source ? topLevelKey(fm.source, String(path[0])) : undefined;
    if (quick) return quick;
    lookup ??= fm.source ? positionLookup(fm.source, blockStart) : () => blockStart;
    return lookup(path, wantKey);
  };
  return { ...fm, positionOf: (path) => find(path, false), keyPositionOf: (path) => find(path, true) };
}

/**
 * The place of a top-level key without parsing: in a block mapping a top-level key is the only thing that can
 * start a line with `key:` (continuation lines of a scalar are indented, comments start with `#`). Most files
 * are asked for just one such place (the carried-over warning), and a second YAML parse of every frontmatter
 * cost 7 % of a cold lint. A quoted key, or a key written on two lines, falls back to the parse.
 */
function topLevelKey(source: FrontmatterSource, key: string): Position | undefined {
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const found = [...source.text.matchAll(new RegExp(`^${escaped}[ \t]*:(?=[ \t]|\r?$)`, 'gm'))];
  if (found.length !== 1) return undefined;
  const start = pointAt(source, found[0].index);
  return { start, end: { ...start, column: start.column + key.length, offset: start.offset! + key.length } };
}

function positionLookup(source: FrontmatterSource, blockStart: Position) {
  const { doc, counter } = parsePositions(source);
  const toPoint = pointsOf(source, counter);
  const rangeOf = (node: YamlNode | null | undefined): Position | undefined => (node?.range ? { start: toPoint(node.range[0]), end: toPoint(node.range[1]) } : undefined);
  return (path: readonly PropertyKey[], wantKey: boolean): Position => {
    let node: unknown = doc.contents;
    let best = rangeOf(doc.contents as YamlNode) ?? blockStart;
    for (let i = 0; i < path.length; i++) {
      const seg = path[i];
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
        if (!pair) return best;
        if (i === path.length - 1 && wantKey) return rangeOf(pair.key as YamlNode) ?? best;
        best = rangeOf(pair.value as YamlNode) ?? rangeOf(pair.key as YamlNode) ?? best;
        node = pair.value;
      } else if (isSeq(node) && typeof seg === 'number') {
        const item = node.items[seg];
        if (!item) return best;
        best = rangeOf(item as YamlNode) ?? best;
        node = item;
      } else {
        return best;
      }
    }
    return best;
  };
}

/** The YAML between an opening and a closing `---` at the top of a file, as Astro's frontmatter regex finds it. */
export function frontmatterBlock(text: string): { yaml: string; startOffset: number } | undefined {
  const m = /^\uFEFF?---\r?\n([\s\S]*?\r?\n)?---(?:\r?\n|$)/.exec(text);
  if (!m) return undefined;
  return { yaml: (m[1] ?? '').replace(/\r?\n$/, ''), startOffset: m[0].indexOf('\n') + 1 };
}
