/**
 * `verify --fix`: refresh the stamps of quotes that are still on their page. Only values that already exist
 * are rewritten, in place, by their YAML source range: a source's `checked:` and the file's `verified:`. Every
 * other byte (comments, quoting style, line endings, a byte order mark) stays as it was, and the file is
 * replaced atomically (temporary file + rename).
 *
 * A carried-over file is never promoted: a quote still being on its page proves the page did not change, not
 * that someone compared the claim with it. Only a source already `checked:` in a file already `verified:`
 * (a person did that comparison once) has its month moved forward.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isMap, isScalar, isSeq, parseDocument, type Node as YamlNode } from 'yaml';
import { frontmatterBlock } from '../engine/frontmatter.ts';
import { writeAtomic } from '../fix.ts';

/** A scalar value's [start, end) range in the YAML text, or undefined when the key is absent or not a scalar. */
function scalarRange(root: unknown, path: readonly (string | number)[]): [number, number] | undefined {
  let node: unknown = root;
  for (const seg of path) {
    if (isMap(node)) node = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg))?.value;
    else if (isSeq(node) && typeof seg === 'number') node = node.items[seg];
    else return undefined;
  }
  if (!isScalar(node) || !(node as YamlNode).range) return undefined;
  const [start, end] = (node as YamlNode).range!;
  return [start, end];
}

/**
 * The text with `checked:` of the given source indexes and the top-level `verified:` set to `month`; the
 * text unchanged when the file is not `verified:` or none of those sources has `checked:`.
 */
export function refreshText(text: string, indexes: readonly number[], month: string): string {
  const block = frontmatterBlock(text);
  if (!block) return text;
  const doc = parseDocument(block.yaml, { keepSourceTokens: false });
  if (doc.errors.length > 0) return text;
  const verified = scalarRange(doc.contents, ['verified']);
  if (!verified) return text;
  const edits = indexes.map((i) => scalarRange(doc.contents, ['sources', i, 'checked'])).filter((r): r is [number, number] => r !== undefined);
  if (edits.length === 0) return text;
  edits.push(verified);
  let out = block.yaml;
  for (const [start, end] of edits.sort((a, b) => b[0] - a[0])) {
    const quote = /^["']/.test(out[start]) ? out[start] : ''; // keep the author's quoting style
    out = out.slice(0, start) + quote + month + quote + out.slice(end);
  }
  return text.slice(0, block.startOffset) + out + text.slice(block.startOffset + block.yaml.length);
}

/** Refresh one file on disk; true when it changed. */
export async function refreshFile(root: string, file: string, indexes: readonly number[], month: string): Promise<boolean> {
  const path = join(root, file);
  const before = await readFile(path, 'utf8');
  const after = refreshText(before, indexes, month);
  if (after === before) return false;
  await writeAtomic(path, after);
  return true;
}
