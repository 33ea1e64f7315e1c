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
    return { data: {}, present: false, problems: [], positionOf: () => blockStart, keyPositionOf: () => blockStart };
  }
  const counter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  // The YAML starts on the line after the opening fence.
  const toPoint = (offset: number): Point => {
    const { line, col } = counter.linePos(offset);
    return { line: line + startLine, column: col + columnOffset, offset: offset + startOffset };
  };
  const rangeOf = (node: YamlNode | null | undefined): Position | undefined =>
    node?.range ? { start: toPoint(node.range[0]), end: toPoint(node.range[1]) } : undefined;

  const problems: FrontmatterProblem[] = [...doc.errors, ...doc.warnings].map((e) => ({
    message: `Broken YAML frontmatter: ${e.message.split('\n')[0]}`,
    place: { start: toPoint(e.pos[0]), end: toPoint(e.pos[1]) },
  }));
  let data: Record<string, unknown> = {};
  if (doc.errors.length === 0) {
    const js = doc.toJS({ maxAliasCount: 50 }) as unknown;
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
  return {
    data,
    present: true,
    problems,
    positionOf: (path) => lookup(path, false),
    keyPositionOf: (path) => lookup(path, true),
  };
}

export type { Document };
