/**
 * Reading one file into a LintFile: decode, parse once, and collect what rules and the index need
 * (anchors, links, inline stamps). Nothing here throws on bad content; problems become data.
 */
import type { Root, Heading, TableRow, Nodes } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { parseMarkdown } from '../markdown/parse.ts';
import { headingAnchors } from '../markdown/anchors.ts';
import { parseInternalLink } from '../markdown/links.ts';
import { readFrontmatter } from './frontmatter.ts';
import { classify } from './classify.ts';
import { decode } from './decode.ts';
import { pointFinder } from './points.ts';
import { readTemplateMeta } from './template-meta.ts';
import { markdownBoundProblem } from './bounds.ts';
import { MAX_FILE_BYTES, type ReadResult } from './read.ts';

export { decode, firstInvalidUtf8 } from './decode.ts';
import type { Directive, InlineStamp, LintFile, LinkUse } from './types.ts';


/** Inline stamps: `(verified 2026-06)`, `(verified docs.runpod.io 2026-06)`. */
export const INLINE_STAMP = /\(verified\b[^()\n]*?\b(\d{4}-\d{1,2}|[A-Z][a-z]+ \d{4}|\d{4})\)/g;

/** `<!-- kb-lint verb rule-id … -->`, the whole of an HTML node. */
const DIRECTIVE = /^<!--\s*kb-lint\s+([a-z-]*)([^]*?)-->\s*$/;

function collect(tree: Root, text: string) {
  const directives: Directive[] = [];
  const links: LinkUse[] = [];
  const stamps: InlineStamp[] = [];
  let context = '';
  const at = pointFinder(text);
  const visit = (node: Nodes, rowContext?: string) => {
    if (node.type === 'heading') context = toString(node as Heading);
    if (node.type === 'html' && node.position) {
      const m = DIRECTIVE.exec(node.value.trim());
      if (m) directives.push({ verb: m[1], rules: m[2].split(/[\s,]+/).filter(Boolean), position: node.position });
    }
    if (node.type === 'link' || node.type === 'definition') {
      links.push({ url: node.url, internal: parseInternalLink(node.url), position: node.position });
    }
    if (node.type === 'text' && node.position?.start.offset !== undefined) {
      for (const m of node.value.matchAll(INLINE_STAMP)) {
        // Positions come from the source text so escapes and entities do not shift them.
        const start = node.position.start.offset + (m.index ?? 0);
        const from = text.indexOf(m[0], start) >= 0 ? text.indexOf(m[0], start) : start;
        stamps.push({
          month: m[1],
          raw: m[0],
          position: { start: at(from), end: at(from + m[0].length) },
          context: rowContext ?? context,
        });
      }
    }
    if ('children' in node) {
      const row = node.type === 'tableRow' ? (node as TableRow).children.map((c) => toString(c)).join(' | ').slice(0, 80) : rowContext;
      for (const child of node.children as Nodes[]) visit(child, row);
    }
  };
  visit(tree);
  return { links, stamps, directives };
}

/** Build a LintFile from a path (root-relative) and its bytes. */
export function loadFile(path: string, bytes: Uint8Array): LintFile {
  const { kind, slug } = classify(path);
  const none = { path, kind, slug, text: '', anchors: [], links: [], stamps: [], frontmatter: readFrontmatter(undefined) };
  if (bytes.length > MAX_FILE_BYTES) return { ...none, readProblem: { message: `File too large: ${bytes.length} bytes, expected at most ${MAX_FILE_BYTES}`, place: { line: 1, column: 1 } } };
  const { text, problem } = decode(bytes);
  const empty = { ...none, text };
  if (problem) return { ...empty, readProblem: problem };
  if (kind === 'template') return { ...empty, frontmatter: readTemplateMeta(text) };
  const complex = markdownBoundProblem(text);
  if (complex) return { ...empty, text: '', readProblem: complex };
  let tree: Root;
  try {
    tree = parseMarkdown(text);
  } catch (error) {
    // micromark recurses on nesting; input deep enough to overflow the stack is reported, not thrown.
    return { ...empty, readProblem: { message: `Cannot parse this file as Markdown: ${(error as Error).message}`, place: { line: 1, column: 1 } } };
  }
  const first = tree.children[0];
  const yaml = first?.type === 'yaml' ? first : undefined;
  const yamlStart = yaml?.position?.start.offset !== undefined ? text.indexOf('\n', yaml.position.start.offset) + 1 : 0;
  const frontmatter = readFrontmatter(yaml?.value, yaml?.position?.start.line ?? 1, yamlStart);
  const { links, stamps, directives } = collect(tree, text);
  return { ...empty, tree, frontmatter, anchors: headingAnchors(tree), links, stamps, ...(directives.length ? { directives } : {}) };
}

/** A file that could not be read: no text and no tree, so only readable-file has anything to say. */
export function unreadableFile(path: string, reason: string): LintFile {
  const { tree: _, ...file } = loadFile(path, new Uint8Array());
  return { ...file, readProblem: { message: `Cannot read file: ${reason}`, place: { line: 1, column: 1 } } };
}

/** The LintFile for what reading a path gave: parsed bytes, or the reason it could not be read. */
export function fileFromRead(path: string, read: ReadResult): LintFile {
  return read.error === undefined ? loadFile(path, read.bytes) : unreadableFile(path, read.error);
}
