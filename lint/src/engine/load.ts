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
import { readTemplateMeta } from './template-meta.ts';
import type { InlineStamp, LintFile, LinkUse } from './types.ts';

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Inline stamps: `(verified 2026-06)`, `(verified docs.runpod.io 2026-06)`. */
export const INLINE_STAMP = /\(verified\b[^()\n]*?\b(\d{4}-\d{1,2}|[A-Z][a-z]+ \d{4}|\d{4})\)/g;

function lineColAt(text: string, offset: number) {
  let line = 1;
  let last = -1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) { line++; last = i; }
  return { line, column: offset - last };
}

/** Decode bytes as UTF-8 text, or say why they are not. */
export function decode(bytes: Uint8Array): { text: string; problem?: LintFile['readProblem'] } {
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    const head = new TextDecoder('utf-8').decode(bytes.subarray(0, nul));
    return { text: '', problem: { message: 'Unexpected binary content (a NUL byte), expected a UTF-8 text file', place: lineColAt(head, head.length) } };
  }
  try {
    let text = decoder.decode(bytes);
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return { text };
  } catch {
    // Find the first undecodable byte so the author can go straight to it.
    let lo = 0, hi = bytes.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      try { decoder.decode(bytes.subarray(0, mid + 1)); lo = mid + 1; } catch (e) {
        // A truncated multi-byte sequence at the cut is not the culprit; stream mode tells them apart.
        try { new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid + 1), { stream: true }); lo = mid + 1; } catch { hi = mid; }
        void e;
      }
    }
    const head = new TextDecoder('utf-8').decode(bytes.subarray(0, lo));
    return { text: '', problem: { message: `Unexpected byte \`0x${(bytes[lo] ?? 0).toString(16).padStart(2, '0')}\`, expected UTF-8 text`, place: lineColAt(head, head.length) } };
  }
}

function collect(tree: Root, text: string) {
  const links: LinkUse[] = [];
  const stamps: InlineStamp[] = [];
  let context = '';
  const visit = (node: Nodes, rowContext?: string) => {
    if (node.type === 'heading') context = toString(node as Heading);
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
          position: { start: { ...lineColAt(text, from), offset: from }, end: { ...lineColAt(text, from + m[0].length), offset: from + m[0].length } },
          context: rowContext ?? context,
        });
      }
    }
    if ('children' in node) {
      const row = node.type === 'tableRow' ? toString(node as TableRow).slice(0, 80) : rowContext;
      for (const child of node.children as Nodes[]) visit(child, row);
    }
  };
  visit(tree);
  return { links, stamps };
}

/** Build a LintFile from a path (root-relative) and its bytes. */
export function loadFile(path: string, bytes: Uint8Array): LintFile {
  const { kind, slug } = classify(path);
  const { text, problem } = decode(bytes);
  const empty = { path, kind, slug, text, anchors: [], links: [], stamps: [], frontmatter: readFrontmatter(undefined) };
  if (problem) return { ...empty, readProblem: problem };
  if (kind === 'template') return { ...empty, frontmatter: readTemplateMeta(text) };
  const tree = parseMarkdown(text);
  const first = tree.children[0];
  const yaml = first?.type === 'yaml' ? first : undefined;
  const yamlStart = yaml?.position?.start.offset !== undefined ? text.indexOf('\n', yaml.position.start.offset) + 1 : 0;
  const frontmatter = readFrontmatter(yaml?.value, yaml?.position?.start.line ?? 1, yamlStart);
  const { links, stamps } = collect(tree, text);
  return { ...empty, tree, frontmatter, anchors: headingAnchors(tree), links, stamps };
}
