/**
 * Text the site serves to language models: `/llms.txt` (an index in the llms.txt format: a title, a one-line
 * summary in a blockquote, then sections of links each with a one-line description) and `/llms-full.txt`
 * (every page as Markdown in one file). Pure functions over plain data, so the site's endpoints only gather
 * entries and the tests can call them directly. Links leave as absolute site URLs: a model quoting one sends
 * the reader to the page, whose anchors are exactly those the linter checked.
 */
import type { Root, RootContent } from 'mdast';
import { hrefFor, parseInternalLink, templatePath } from '../../lint/src/markdown/links.ts';
import { bodyOf, bulletList, heading, inline, link, paragraph, print, stripExplicitIds, strong, text, walk } from '../../lint/src/export/markdown.ts';
import { parseMarkdown } from '../../lint/src/markdown/parse.ts';
import { applyMarks, exportMarks, isMarkList } from './export-marks.ts';

export interface IndexLink {
  /** Link text; inline Markdown (code spans) allowed. */
  title: string;
  url: string;
  description?: string;
}

export interface IndexSection {
  heading: string;
  links: IndexLink[];
}

export interface LlmsIndex {
  title: string;
  summary: string;
  /** Paragraphs between the summary and the first section. */
  details?: string[];
  sections: IndexSection[];
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The llms.txt index. Sections without links are left out rather than printed empty. */
export function renderLlmsIndex(index: LlmsIndex): string {
  const children: RootContent[] = [heading(1, index.title), { type: 'blockquote', children: [paragraph([text(oneLine(index.summary))])] }];
  for (const d of index.details ?? []) children.push(paragraph([text(oneLine(d))]));
  for (const section of index.sections) {
    if (!section.links.length) continue;
    children.push(
      heading(2, section.heading),
      bulletList(section.links.map((l) => [link(l.url, inline(l.title)), ...(l.description ? [text(`: ${oneLine(l.description)}`)] : [])])),
    );
  }
  return print({ type: 'root', children });
}

/** One page of llms-full.txt. */
export interface FullPage {
  /** Page title; inline Markdown allowed. */
  title: string;
  /** Absolute URL of the page on the site. */
  url: string;
  description?: string;
  /** Generated blocks before the body (facts), using scheme links where they link. */
  before?: RootContent[];
  /** The page's Markdown body as stored (frontmatter already removed, or present and skipped). */
  body: string;
  /** Where `body` changes in the export (export-marks.ts), as the site's renderer recorded them; checked before use. */
  marks?: unknown;
  /** Generated blocks after the body (sources, related entries). */
  after?: RootContent[];
}

export interface FullText {
  title: string;
  summary: string;
  pages: FullPage[];
}

/**
 * Every page as Markdown: each page opens with a level-1 heading and its URL, its own headings keep their
 * levels under it. `siteHref` turns a scheme link into the absolute URL of the page it names. A body goes out
 * as its author wrote it, with links rewritten and `{#id}` tails dropped (export-marks.ts); only a body that
 * cannot be spliced safely is printed from its tree.
 */
export function renderFullText(full: FullText, siteHref: (path: string) => string): string {
  const children: RootContent[] = [heading(1, full.title), { type: 'blockquote', children: [paragraph([text(oneLine(full.summary))])] }];
  for (const page of full.pages) {
    const rewrite = (url: string) => {
      const internal = parseInternalLink(url);
      return internal ? siteHref(hrefFor(internal)) : url.startsWith('#') ? page.url + url : url;
    };
    let marks = isMarkList(page.marks, page.body.length) ? page.marks : undefined;
    let tree: Root | undefined;
    if (!marks) marks = exportMarks((tree = parseMarkdown(page.body)), page.body);
    const spliced = marks && applyMarks(page.body, marks, rewrite).trim();
    // An html node is printed as it is: the spliced source goes out verbatim between the generated blocks.
    const body: RootContent[] = marks ? (spliced ? [{ type: 'html', value: spliced }] : []) : bodyOf(tree as Root);
    const generated: RootContent[] = [
      heading(1, inline(page.title)),
      paragraph([strong('URL:'), text(' '), link(page.url, page.url)]),
      ...(page.description ? [paragraph([text(oneLine(page.description))])] : []),
      ...structuredClone(page.before ?? []),
    ];
    const after = structuredClone(page.after ?? []);
    const printed = marks ? [...generated, ...after] : [...generated, ...body, ...after];
    walk(printed, (n) => {
      if (n.type === 'link' || n.type === 'definition') n.url = rewrite(n.url);
    });
    stripExplicitIds(printed);
    children.push({ type: 'thematicBreak' }, ...generated, ...body, ...after);
  }
  return print({ type: 'root', children });
}

/** What llms-full.txt needs of a script template (site/lib/templates.ts reads them). */
export interface TemplateText {
  file: string;
  source: string;
  meta: { title: string; purpose: string; usage: string; gotchas: string[]; principles: number[] };
}

/**
 * A script template as a page of llms-full.txt: its usage line, the entries it implements, and the script
 * itself in a fenced block, so a model reading the one file can hand a user the script it recommends.
 */
export function templatePage(t: TemplateText, url: (path: string) => string): FullPage {
  const implemented = [
    ...t.meta.gotchas.map((id) => link(`gotcha:${id}`, id)),
    ...t.meta.principles.map((n) => link(`principle:${n}`, `principle ${n}`)),
  ].flatMap((l, i) => (i ? [text(', '), l] : [l]));
  return {
    title: `\`${t.file}\` — ${t.meta.title}`,
    url: url(templatePath(t.file)),
    description: t.meta.purpose,
    body: '',
    before: [
      paragraph([strong('Usage:'), text(' '), { type: 'inlineCode', value: oneLine(t.meta.usage) }]),
      ...(implemented.length ? [paragraph([strong('Implements:'), text(' '), ...implemented])] : []),
      { type: 'code', lang: 'bash', value: t.source.replace(/\n$/, '') },
    ],
  };
}

/** The guide in one sentence, shared by both files so they introduce it the same way. */
export const GUIDE_SUMMARY =
  'A field guide for training models on GPUs rented by the hour or owned: per-platform facts about billing and storage, failure modes of long runs written Symptom → Root cause → Fix with sources and the month each was checked, and shell templates for the box.';

/**
 * Absolute URLs for site paths: `site` (Astro's `site` setting) and the base path in front of a path such as
 * `/gotchas/u6/`. Without a configured site, absolute paths are the best a static file can do.
 */
export function siteUrls(site: URL | undefined, base: string): (path: string) => string {
  const prefix = base.replace(/\/$/, '');
  return (path: string) => (site ? new URL(prefix + path, site).href : prefix + path);
}
