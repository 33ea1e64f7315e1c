/**
 * Frontmatter with positions. YAML is parsed with `yaml`'s LineCounter so any key path can be mapped back to
 * the line and column an author has to edit (the approach of starlight-links-validator's frontmatter.ts).
 */
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

/** Everything a Frontmatter holds except its functions; `revive` turns it back into one. */
export interface FrontmatterOutline {
  data: Record<string, unknown>;
  present: boolean;
  problems: FrontmatterProblem[];
  blockStart: Position;
  root: OutlineNode | null;
}

/** Rebuild a Frontmatter from its outline; lookups follow the same rules as on the live YAML document. */
export function reviveFrontmatter(outline: FrontmatterOutline): Frontmatter {
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
 * Offset of the first `[` or `{` that opens a flow collection deeper than MAX_DEPTH, outside quotes and
 * comments; `undefined` when there is none. Counting is approximate YAML lexing, which is enough: its only job
 * is to refuse input built to overflow the parser.
 */
function deepNesting(text: string): number | undefined {
  let depth = 0;
  let quote = '';
  let comment = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') {
      comment = false;
      continue;
    }
    if (comment) continue;
    if (quote) {
      if (c === quote && !(quote === '"' && text[i - 1] === '\\')) quote = '';
      continue;
    }
    if ((c === '"' || c === "'") && opensScalar(text, i)) quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) comment = true;
    else if (c === '[' || c === '{') {
      if (++depth > MAX_DEPTH) return i;
    } else if ((c === ']' || c === '}') && depth > 0) depth--;
  }
  return undefined;
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
  const blockStart: Position = { start: { line: startLine, column: 1 }, end: { line: startLine, column: 4 } };
  if (yamlText === undefined) {
    return reviveFrontmatter({ data: {}, present: false, problems: [], blockStart, root: null });
  }
  const counter = new LineCounter();
  const tooDeep = deepNesting(yamlText);
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
