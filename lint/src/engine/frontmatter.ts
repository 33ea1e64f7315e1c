/**
 * Frontmatter with positions. Positions come from `yaml`, parsed with its LineCounter so any key path can be
 * mapped back to the line and column an author has to edit (the approach of starlight-links-validator's
 * frontmatter.ts). That parser is thorough and slow (a third of a cold run's time went into it), and most
 * files never need a position because nothing is wrong with their frontmatter. So a well-formed block is
 * read with `js-yaml` (the parser Astro itself reads frontmatter with) under the same YAML 1.2 core schema,
 * and `yaml` runs only when a position is asked for, or when `js-yaml` refuses the block, so that every
 * syntax error is reported in `yaml`'s words at `yaml`'s positions as before.
 */
import jsYaml from 'js-yaml';
import { LineCounter, parseDocument, isMap, isSeq, isScalar, type Document, type Node as YamlNode } from 'yaml';
import type { Point, Position } from 'unist';

export interface FrontmatterProblem {
  message: string;
  place: Point | Position;
}

export interface Frontmatter {
  /** Parsed data (`{}` when missing or broken). */
  data: Record<string, unknown>;
  /** Whether the file had a frontmatter block at all. */
  present: boolean;
  /** YAML syntax errors, positioned in the file. */
  problems: FrontmatterProblem[];
  /** File position of the value at a key path; falls back to the nearest ancestor that exists. */
  positionOf(path: readonly PropertyKey[]): Position;
  /** File position of the key itself at a key path (for "remove this key"). */
  keyPositionOf(path: readonly PropertyKey[]): Position;
  /** The shape of the YAML with positions, as plain data that can cross a thread or go into a cache. */
  outline: FrontmatterOutline;
}

/** One YAML node reduced to what position lookups need. */
export interface OutlineNode {
  range?: Position;
  /** Mapping entries in document order; `key` is `null` for a non-scalar key. */
  map?: { key: string | null; keyRange?: Position; value: OutlineNode | null }[];
  seq?: (OutlineNode | null)[];
}

/** Where a frontmatter block sits, enough to parse it again for positions. */
export interface FrontmatterSource {
  text: string;
  startLine: number;
  startOffset: number;
  columnOffset: number;
}

/**
 * Everything a Frontmatter holds except its functions; `revive` turns it back into one. A block read on the
 * fast path carries its `source` instead of a `root`: positions are worked out only if asked for.
 */
export interface FrontmatterOutline {
  data: Record<string, unknown>;
  present: boolean;
  problems: FrontmatterProblem[];
  blockStart: Position;
  root: OutlineNode | null;
  source?: FrontmatterSource;
}

/** Rebuild a Frontmatter from its outline; lookups follow the same rules as on the live YAML document. */
export function reviveFrontmatter(outline: FrontmatterOutline): Frontmatter {
  if (outline.source) return deferPositions(outline.data, outline.source, outline.blockStart);
  const lookup = (path: readonly PropertyKey[], wantKey: boolean): Position => {
    let node = outline.root;
    let best = node?.range ?? outline.blockStart;
    for (let i = 0; i < path.length; i++) {
      const seg = path[i];
      if (node?.map) {
        const pair = node.map.find((p) => p.key !== null && p.key === String(seg));
        if (!pair) return best;
        if (i === path.length - 1 && wantKey) return pair.keyRange ?? best;
        best = pair.value?.range ?? pair.keyRange ?? best;
        node = pair.value;
      } else if (node?.seq && typeof seg === 'number') {
        const item = node.seq[seg];
        if (!item) return best;
        best = item.range ?? best;
        node = item;
      } else {
        return best;
      }
    }
    return best;
  };
  return {
    data: outline.data,
    present: outline.present,
    problems: outline.problems,
    positionOf: (path) => lookup(path, false),
    keyPositionOf: (path) => lookup(path, true),
    outline,
  };
}

/** Deeper than any real frontmatter; well inside what the YAML parser's recursion survives. */
const MAX_DEPTH = 64;

/**
 * A rough lexing pass (quotes and comments are skipped): the offset of the first `[` or `{` that opens a flow
 * collection deeper than MAX_DEPTH, and whether a quoted scalar runs over a line end. Approximate is enough:
 * the first only refuses input built to overflow the parser, the second only sends a block the thorough way.
 */
function scan(text: string): { tooDeep?: number; quoteSpansLines: boolean; indicator: boolean } {
  let depth = 0;
  let quote = '';
  let comment = false;
  let quoteSpansLines = false;
  let indicator = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') {
      comment = false;
      if (quote) quoteSpansLines = true;
      continue;
    }
    if (comment) continue;
    if (quote) {
      if (c === quote && !(quote === '"' && text[i - 1] === '\\')) quote = '';
      continue;
    }
    if ((c === '"' || c === "'") && opensScalar(text, i)) quote = c;
    else if ('&*?!%@`'.includes(c) && opensScalar(text, i)) indicator = true;
    else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) comment = true;
    else if (c === '[' || c === '{') {
      if (++depth > MAX_DEPTH) return { tooDeep: i, quoteSpansLines, indicator };
    } else if ((c === ']' || c === '}') && depth > 0) depth--;
  }
  return { quoteSpansLines, indicator };
}

/** Whether a quote at `i` starts a quoted scalar: first on its line or after `:`, `-`, `,`, `[`, `{` and spaces. */
function opensScalar(text: string, i: number): boolean {
  let k = i - 1;
  while (k >= 0 && (text[k] === ' ' || text[k] === '\t')) k--;
  return k < 0 || ':-,[{?\n'.includes(text[k]);
}

/**
 * @param yamlText the text between the `---` fences
 * @param startLine file line of the opening `---` (1 in a normal file)
 * @param startOffset file offset where the YAML text begins (after the opening fence's newline)
 * @param columnOffset characters stripped from the start of every line (2 for `# ` in script metadata)
 */
export function readFrontmatter(yamlText: string | undefined, startLine = 1, startOffset = 0, columnOffset = 0): Frontmatter {
  const blockStart = blockStartAt(startLine);
  if (yamlText === undefined) {
    return reviveFrontmatter({ data: {}, present: false, problems: [], blockStart, root: null });
  }
  const data = quickData(yamlText);
  if (data) return deferPositions(data, { text: yamlText, startLine, startOffset, columnOffset }, blockStart);
  return fullFrontmatter(yamlText, startLine, startOffset, columnOffset);
}

const blockStartAt = (line: number): Position => ({ start: { line, column: 1 }, end: { line, column: 4 } });

/**
 * Where the two parsers part ways under the core schema, found by the generated-mapping test in
 * lint/test/frontmatter.test.ts: js-yaml reads `0b101` and `-0x1` as numbers and `yaml` keeps them strings;
 * `yaml` reads `-.5` as a number and js-yaml a string; js-yaml accepts a quoted scalar continued on a line
 * indented less than its key, which `yaml` refuses. A block with any of these goes the thorough way.
 */
const DISPUTED_NUMBER = /(^|[\s:[{,-])([-+]?0b[01]|[-+]0[xo]|[-+]\.\d)/im;
/** Compact nested lists (`- - a`) and empty list entries, where js-yaml's nesting can differ from `yaml`'s. */
const DISPUTED_LIST = /^[ \t]*-[ \t]+-([ \t]|$)|^[ \t]*-[ \t]*(#|$)/m;

/**
 * The data of a block that `js-yaml` reads as a mapping without complaint, or undefined for anything else
 * (a syntax error, a duplicate key, a scalar or a list at the top, anchors, nesting built to overflow).
 */
function quickData(yamlText: string): Record<string, unknown> | undefined {
  if (DISPUTED_NUMBER.test(yamlText) || DISPUTED_LIST.test(yamlText)) return undefined;
  // Anchors and aliases go the thorough way, which caps alias expansion ("billion laughs"); so do tags,
  // complex keys and reserved indicators, where the two disagree on what a bare `!` or `?` means.
  const shape = scan(yamlText);
  if (shape.tooDeep !== undefined || shape.quoteSpansLines || shape.indicator) return undefined;
  let value: unknown;
  try {
    value = jsYaml.load(yamlText, { schema: jsYaml.CORE_SCHEMA });
  } catch {
    return undefined;
  }
  if (yamlText.includes('-0') && hasZero(value)) return undefined;
  if (value === null || value === undefined) return {};
  return typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** Whether a zero is anywhere in `value`: js-yaml reads `-0` as 0, `yaml` as -0. */
function hasZero(value: unknown): boolean {
  if (value === 0) return true;
  if (Array.isArray(value)) return value.some(hasZero);
  return typeof value === 'object' && value !== null && Object.values(value).some(hasZero);
}

/** A frontmatter whose data is known and whose positions are computed by `yaml` on first use. */
function deferPositions(data: Record<string, unknown>, source: FrontmatterSource, blockStart: Position): Frontmatter {
  let full: Frontmatter | undefined;
  const positions = () => (full ??= fullFrontmatter(source.text, source.startLine, source.startOffset, source.columnOffset));
  return {
    data,
    present: true,
    problems: [],
    positionOf: (path) => simpleLine(source, path)?.value ?? positions().positionOf(path),
    keyPositionOf: (path) => simpleLine(source, path)?.key ?? positions().keyPositionOf(path),
    outline: { data, present: true, problems: [], blockStart, root: null, source },
  };
}

/**
 * Positions of a top-level key written the plain way, `key: value` on one line with a plain scalar and no
 * comment, found by looking at that one line; anything else is left to `yaml`. The staleness report asks
 * every file where its `verified` is, and this answers it without a second parse (the frontmatter test
 * checks these positions against yaml's for every key of the real corpus).
 */
function simpleLine(source: FrontmatterSource, path: readonly PropertyKey[]): { key: Position; value: Position } | undefined {
  if (path.length !== 1 || typeof path[0] !== 'string' || !/^[A-Za-z][\w-]*$/.test(path[0])) return undefined;
  const key = path[0];
  const text = source.text;
  // The key's only line: at the very start, or after a newline, and nowhere later.
  const at = text.startsWith(`${key}:`) ? 0 : text.indexOf(`\n${key}:`) + 1;
  if ((at === 0 && !text.startsWith(`${key}:`)) || text.includes(`\n${key}:`, at)) return undefined;
  const newline = text.indexOf('\n', at);
  const line = text.slice(at, newline === -1 ? text.length : newline);
  const m = /^[\w-]+:([ \t]+)([^\s#'"[\]{}&*!|>%@`,?:-][^#\t]*?|-[^\s#'"[\]{}&*!|>%@`,?:][^#\t]*?)[ \t]*$/.exec(line);
  if (!m || m[2].includes(': ')) return undefined;
  const lineNo = source.startLine + 1 + (text.slice(0, at).match(/\n/g)?.length ?? 0);
  const point = (column: number) => ({ line: lineNo, column: column + 1 + source.columnOffset, offset: at + column + source.startOffset });
  const valueStart = key.length + 1 + m[1].length;
  return {
    key: { start: point(0), end: point(key.length) },
    value: { start: point(valueStart), end: point(valueStart + m[2].length) },
  };
}

/** The thorough read: `yaml`'s document, its errors and warnings, and positions for every key. */
export function fullFrontmatter(yamlText: string, startLine = 1, startOffset = 0, columnOffset = 0): Frontmatter {
  const blockStart = blockStartAt(startLine);
  const counter = new LineCounter();
  const { tooDeep } = scan(yamlText);
  if (tooDeep !== undefined) {
    counter.addNewLine(0);
    for (let i = 0; i < tooDeep; i++) if (yamlText.charCodeAt(i) === 10) counter.addNewLine(i + 1);
    const { line, col } = counter.linePos(tooDeep);
    const at = { line: line + startLine, column: col + columnOffset, offset: tooDeep + startOffset };
    return reviveFrontmatter({ data: {}, present: true, problems: [{ message: `Broken YAML frontmatter: brackets nested deeper than ${MAX_DEPTH} levels`, place: { start: at, end: at } }], blockStart, root: null });
  }
  let doc: Document;
  try {
    // logLevel 'error': `yaml` would otherwise print process warnings (complex keys) into the linter's output.
    doc = parseDocument(yamlText, { lineCounter: counter, prettyErrors: false, uniqueKeys: true, logLevel: 'error' });
  } catch (error) {
    // The parser reports syntax as data; an exception means input built to exhaust it.
    return reviveFrontmatter({ data: {}, present: true, problems: [{ message: `Broken YAML frontmatter: ${(error as Error).message.split('\n')[0]}`, place: blockStart }], blockStart, root: null });
  }
  // The YAML starts on the line after the opening fence.
  const toPoint = (offset: number): Point => {
    const { line, col } = counter.linePos(offset);
    return { line: line + startLine, column: col + columnOffset, offset: offset + startOffset };
  };
  const rangeOf = (node: YamlNode | null | undefined): Position | undefined =>
    node?.range ? { start: toPoint(node.range[0]), end: toPoint(node.range[1]) } : undefined;

  let problems: FrontmatterProblem[] = [...doc.errors, ...doc.warnings].map((e) => ({
    message: `Broken YAML frontmatter: ${e.message.split('\n')[0]}`,
    place: { start: toPoint(e.pos[0]), end: toPoint(e.pos[1]) },
  }));
  // Where a stack overflows depends on how deep the caller's stack already was (a worker's differs from the
  // main thread's), so its position and whatever followed it would make the answer vary; keep one fixed line.
  if (problems.some((p) => /call stack/i.test(p.message))) problems = [{ message: 'Broken YAML frontmatter: nested too deeply to read', place: blockStart }];
  let data: Record<string, unknown> = {};
  if (doc.errors.length === 0) {
    let js: unknown;
    try {
      js = doc.toJS({ maxAliasCount: 50 });
    } catch (error) {
      // `yaml` refuses alias expansion past maxAliasCount ("billion laughs") by throwing.
      problems.push({ message: `Broken YAML frontmatter: ${(error as Error).message.split('\n')[0]}`, place: rangeOf(doc.contents as YamlNode) ?? blockStart });
    }
    if (js && typeof js === 'object' && !Array.isArray(js)) data = js as Record<string, unknown>;
    else if (js !== null && js !== undefined) problems.push({ message: 'Unexpected frontmatter, expected a YAML mapping of `key: value` lines', place: blockStart });
  }

  const lookup = (path: readonly PropertyKey[], wantKey: boolean): Position => {
    let node: unknown = doc.contents;
    let best = rangeOf(doc.contents as YamlNode) ?? blockStart;
    for (let i = 0; i < path.length; i++) {
      const seg = path[i];
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
        if (!pair) return best;
        const last = i === path.length - 1;
        if (last && wantKey) return rangeOf(pair.key as YamlNode) ?? best;
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
  // A node that is neither a map nor a sequence (a scalar, an alias, a pair) ends every descent, so only
  // its range is kept; `item` may be null in a sequence with an empty entry.
  const outlineOf = (node: unknown): OutlineNode | null => {
    if (node === null || node === undefined) return null;
    const out: OutlineNode = {};
    const range = rangeOf(node as YamlNode);
    if (range) out.range = range;
    if (isMap(node)) {
      out.map = node.items.map((p) => {
        const keyRange = rangeOf(p.key as YamlNode);
        return { key: isScalar(p.key) ? String(p.key.value) : null, ...(keyRange ? { keyRange } : {}), value: outlineOf(p.value) };
      });
    } else if (isSeq(node)) {
      out.seq = node.items.map((item) => outlineOf(item));
    }
    return out;
  };
  return {
    data,
    present: true,
    problems,
    positionOf: (path) => lookup(path, false),
    keyPositionOf: (path) => lookup(path, true),
    // Built on first use: files linted in one piece never pay for it.
    get outline() {
      const value: FrontmatterOutline = { data, present: true, problems, blockStart, root: outlineOf(doc.contents) };
      Object.defineProperty(this, 'outline', { value });
      return value;
    },
  };
}

export type { Document };
