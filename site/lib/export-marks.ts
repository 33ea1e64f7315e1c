/**
 * llms-full.txt keeps each page's Markdown as its author wrote it and changes only what a reader outside the
 * site cannot follow: scheme links and same-page anchors (rewritten to absolute URLs), `{#id}` heading tails
 * and a frontmatter block (dropped). Marks say where those are in the source, so the output is the source with
 * a few splices instead of a parse and a reprint of every page: the site's Markdown pipeline records them as
 * it renders each entry (`remarkExportMarks`, read back from the entry's metadata), and a body without them
 * is parsed here once. When a construct cannot be located exactly, or the source would not survive being
 * followed by other pages (an unclosed fence), there are no marks and the caller prints the page's tree.
 */
import type { Heading, Nodes, Root } from 'mdast';
import { EXPLICIT_ID, explicitId } from '../../lint/src/markdown/anchors.ts';
import { parseInternalLink } from '../../lint/src/markdown/links.ts';

/** `[start, end)` of the source to replace: by the rewritten `url` when there is one, else by nothing. */
export interface ExportMark {
  start: number;
  end: number;
  url?: string;
}

/** Where `remarkExportMarks` leaves a page's marks in the rendering's frontmatter; versioned with the format. */
export const MARKS_KEY = 'kbExportMarks1';

/** HTML blocks that run until an end tag or marker rather than a blank line (CommonMark types 1 to 5). */
const UNTIL_END = /^ {0,3}<(?:script|pre|style|textarea|!--|\?|![A-Za-z]|!\[CDATA\[)/i;
const DEFINITION = /^\[(?:\\.|[^\\\]])*\]:[ \t]*(?:\r?\n[ \t]*)?(<)?/;

/** Links whose target changes in the export: scheme links and anchors on the same page. */
const rewritten = (url: string) => url.startsWith('#') || parseInternalLink(url) !== undefined;

/** Offset where a link's or definition's destination starts, or undefined if the source has another shape. */
function destinationStart(node: Nodes & { url: string }, source: string, start: number): number | undefined {
  let at: number;
  if (node.type === 'definition') {
    const m = DEFINITION.exec(source.slice(start));
    if (!m) return undefined;
    at = start + m[0].length;
  } else if (source[start] === '<') {
    at = start + 1;
  } else {
    const children = 'children' in node ? node.children : [];
    const textEnd = children.length ? children.at(-1)?.position?.end.offset : start + 1;
    if (textEnd === undefined || !source.startsWith('](', textEnd)) return undefined;
    at = textEnd + 2;
    while (source[at] === ' ' || source[at] === '\t' || source[at] === '\n') at++;
    if (source[at] === '<') at++;
  }
  return source.startsWith(node.url, at) ? at : undefined;
}

/** `[start, end)` of a heading's `{#id}` tail in the source. */
function tailRange(heading: Heading, source: string): [number, number] | undefined {
  const end = heading.children.at(-1)?.position?.end.offset;
  if (end === undefined) return undefined;
  const m = EXPLICIT_ID.exec(source.slice(heading.position?.start.offset ?? end, end));
  return m ? [end - m[0].length, end] : undefined;
}

/** Whether a fenced code block's source ends with a fence that closes it. */
function fenceClosed(slice: string): boolean {
  const open = /^ {0,3}(`{3,}|~{3,})/.exec(slice);
  if (!open) return true; // indented code ends at its last line
  const newline = slice.lastIndexOf('\n');
  if (newline === -1) return false;
  const last = slice.slice(newline + 1).trim();
  return last.length >= open[1].length && [...last].every((c) => c === open[1][0]);
}

/** The marks of a body parsed into `tree` (positions into `source`), or undefined when splicing is not safe. */
export function exportMarks(tree: Root, source: string): ExportMark[] | undefined {
  const marks: ExportMark[] = [];
  let safe = true;
  const visit = (node: Nodes) => {
    if (!safe) return;
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (node.type === 'yaml') {
      if (start === undefined || end === undefined) return void (safe = false);
      marks.push({ start, end });
    } else if ((node.type === 'link' || node.type === 'definition') && rewritten(node.url)) {
      const at = start === undefined ? undefined : destinationStart(node, source, start);
      if (at === undefined) return void (safe = false);
      marks.push({ start: at, end: at + node.url.length, url: node.url });
    } else if (node.type === 'heading' && explicitId(node) !== undefined) {
      const range = tailRange(node, source);
      if (!range) return void (safe = false);
      marks.push({ start: range[0], end: range[1] });
    } else if (node.type === 'code' && start !== undefined && end !== undefined) {
      if (!fenceClosed(source.slice(start, end))) safe = false;
    } else if (node.type === 'html' && start !== undefined && end !== undefined) {
      // Such a block left open would swallow every page after it.
      if (UNTIL_END.test(source.slice(start, end)) && end >= source.trimEnd().length) safe = false;
    }
    if ('children' in node) for (const child of node.children) visit(child);
  };
  visit(tree);
  if (!safe) return undefined;
  // A link inside a heading with an id comes before the tail; order by place for the splice.
  return marks.sort((a, b) => a.start - b.start);
}

/** Whether `value` (from an entry's stored metadata) is a list of marks that fits a source of `length`. */
export function isMarkList(value: unknown, length: number): value is ExportMark[] {
  if (!Array.isArray(value)) return false;
  let previous = 0;
  for (const m of value as Partial<ExportMark>[]) {
    if (typeof m !== 'object' || m === null || !Number.isInteger(m.start) || !Number.isInteger(m.end)) return false;
    if (m.start! < previous || m.end! < m.start! || m.end! > length || (m.url !== undefined && typeof m.url !== 'string')) return false;
    previous = m.end!;
  }
  return true;
}

/** The source with every mark applied; `rewrite` gives a mark's new URL. */
export function applyMarks(source: string, marks: readonly ExportMark[], rewrite: (url: string) => string): string {
  let out = '';
  let at = 0;
  for (const m of marks) {
    out += source.slice(at, m.start) + (m.url === undefined ? '' : rewrite(m.url));
    at = m.end;
  }
  return out + source.slice(at);
}

/**
 * remark plugin for the site's pipeline: records each entry's marks in its rendering's frontmatter (Astro keeps
 * that with the entry) before the other plugins rewrite links and headings. It changes nothing in the tree.
 */
export function remarkExportMarks() {
  return (tree: Root, file: { value: unknown; data: { astro?: { frontmatter?: Record<string, unknown> } } }) => {
    const astro = file.data.astro;
    // A new object: the one Astro passes in may be the entry's own data, which must not grow a key.
    if (astro) astro.frontmatter = { ...astro.frontmatter, [MARKS_KEY]: exportMarks(tree, String(file.value)) ?? null };
  };
}
