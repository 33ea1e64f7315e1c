/**
 * The guide as an Agent Skills bundle: a SKILL.md hub an agent reads first, then Markdown files it opens on
 * demand (references, one per catalog with every entry in full, one per platform profile) and the script
 * templates byte-for-byte. Built in two passes over mdast: first every document is assembled and each heading
 * remembers which source anchor it came from; then every link is rewritten to a bundle-relative path and the
 * slug that heading has in its output file, so a link resolves wherever GitHub-style slugs are used.
 */
import { posix } from 'node:path';
import type { Definition, Heading, Link, Nodes, PhrasingContent, Root, RootContent } from 'mdast';
import { stringify as yamlStringify } from 'yaml';
import { toString } from 'mdast-util-to-string';
import { headingAnchors, explicitId } from '../markdown/anchors.ts';
import { parseInternalLink, type InternalLink } from '../markdown/links.ts';
import type { Finding } from '../engine/run.ts';
import { ruleUrl } from '../site-url.ts';
import type { LintFile } from '../engine/types.ts';
import { SECTIONS, type Catalog, type Gotcha, type Profile, type Reference } from '../schema/index.ts';
import { ExportError, type Corpus, type Page } from './corpus.ts';
import { factsTables, gotchaFacts, gotchaTrailer, provenanceLine, sourceList } from './blocks.ts';
import { bodyOf, bulletList, code, heading, inline, joined, link, paragraph, print, shiftHeadings, strong, stripExplicitIds, table, text, walk } from './markdown.ts';

/** The skill's name: the folder an Agent Skills loader expects the bundle in. */
export const SKILL_NAME = 'remote-gpu-field-guide';

/** Agent Skills limits on the two frontmatter fields. */
export const NAME_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const NAME_MAX = 64;
export const DESCRIPTION_MAX = 1024;

/** Where each kind of page lands inside the bundle. */
export const bundlePath = {
  reference: (slug: string) => `references/${slug}.md`,
  catalog: (slug: string) => `references/catalogs/${slug}.md`,
  profile: (slug: string) => `profiles/${slug}.md`,
  script: (name: string) => `scripts/${name}`,
};

interface Doc {
  path: string;
  root: Root;
}

/** Where a source page (or one of its headings) ended up. */
interface Target {
  path: string;
  heading?: Heading;
}

const PRINCIPLE_ID = /^principle-(\d+)$/;
const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

class Assembly {
  readonly docs: Doc[] = [];
  /** Source file path → source anchor id → the heading it became. */
  private readonly anchors = new Map<string, Map<string, Heading>>();
  /** Source file path → where its page starts in the bundle. */
  private readonly tops = new Map<string, Target>();
  /** The source file a link was written in, for same-page `#anchor` links. */
  private readonly linkSource = new WeakMap<Link | Definition, LintFile>();
  private readonly problems: Finding[] = [];
  private readonly corpus: Corpus;
  private readonly published: Set<string>;

  constructor(corpus: Corpus) {
    this.corpus = corpus;
    this.published = new Set(corpus.gotchas.map((g) => g.data.id));
  }

  doc(path: string): Doc {
    if (this.docs.some((d) => d.path === path)) throw new Error(`Two pages would be written to \`${path}\` in the bundle`);
    const doc = { path, root: { type: 'root', children: [] } as Root };
    this.docs.push(doc);
    return doc;
  }

  /** Mark where a source page begins: a file, or a heading inside a shared file (a gotcha in its catalog). */
  top(file: LintFile, target: Target) {
    this.tops.set(file.path, target);
  }

  /**
   * Take a copy of a file's body (or part of it) into the bundle. `canonical` copies become the targets of
   * links to that file's anchors; other copies (the principles quoted in SKILL.md) only carry their links.
   */
  adopt(file: LintFile, nodes: RootContent[], canonical: boolean): RootContent[] {
    if (canonical) {
      const ids = this.anchors.get(file.path) ?? new Map<string, Heading>();
      // The same slugger pass the linter ran over the whole file, so ids agree with what the linter accepted.
      for (const a of headingAnchors({ type: 'root', children: nodes })) if (!ids.has(a.id)) ids.set(a.id, a.node);
      this.anchors.set(file.path, ids);
    }
    walk(nodes, (n) => {
      if (n.type === 'link' || n.type === 'definition') this.linkSource.set(n, file);
    });
    stripExplicitIds(nodes);
    return nodes;
  }

  /** Whether a gotcha id has an entry in the bundle. */
  isPublished(id: string): boolean {
    return this.published.has(id);
  }

  private target(link: InternalLink): Target | string {
    const { index } = this.corpus;
    let path: string | undefined;
    let anchor = link.anchor;
    switch (link.scheme) {
      case 'gotcha':
        path = index.gotchas.get(link.target)?.[0]?.file.path;
        if (path && !this.tops.has(path)) return `Gotcha \`${link.target}\` is a draft and is not exported`;
        break;
      case 'principle': {
        path = index.references.get('principles')?.file.path;
        anchor = `principle-${link.target}`;
        break;
      }
      case 'profile':
        path = index.profiles.get(link.target)?.file.path;
        break;
      case 'ref':
        path = index.references.get(link.target)?.file.path;
        break;
      case 'catalog':
        path = index.catalogs.get(link.target)?.file.path;
        break;
      case 'script':
        if (link.anchor) return `Unexpected anchor \`#${link.anchor}\` on a script link: a script has no headings`;
        path = index.scripts.get(link.target)?.path;
        break;
    }
    const top = path ? this.tops.get(path) : undefined;
    if (!path || !top) return `Unknown ${link.scheme} \`${link.target}\``;
    if (anchor === undefined) return top;
    const heading = this.anchors.get(path)?.get(anchor);
    return heading ? { path: top.path, heading } : `No heading \`#${anchor}\` on the page \`${link.scheme}:${link.target}\` links to`;
  }

  private problem(file: LintFile | undefined, node: Nodes, message: string) {
    const at = node.position?.start;
    this.problems.push({ file: file?.path ?? '(generated)', line: at?.line, column: at?.column, ruleId: 'cross-ref', severity: 'error', message, url: ruleUrl('cross-ref') });
  }

  /** Second pass: every link becomes a bundle-relative path with the heading's slug in its output file. */
  resolveLinks() {
    const slugs = new WeakMap<Heading, string>();
    const home = new WeakMap<Heading, string>();
    for (const doc of this.docs) {
      for (const a of headingAnchors(doc.root)) {
        slugs.set(a.node, a.id);
        home.set(a.node, doc.path);
      }
    }
    for (const doc of this.docs) {
      walk(doc.root.children, (node) => {
        if (node.type !== 'link' && node.type !== 'definition') return;
        const source = this.linkSource.get(node);
        let found: Target | string;
        const internal = parseInternalLink(node.url);
        if (internal) found = this.target(internal);
        else if (node.url.startsWith('#') && source) {
          const heading = this.anchors.get(source.path)?.get(node.url.slice(1));
          const top = this.tops.get(source.path);
          found = heading && top ? { path: top.path, heading } : `No heading \`${node.url}\` on this page`;
        } else if (/^(https?|mailto):/i.test(node.url)) return;
        else found = `Unexpected link \`${node.url}\`: use a scheme link (gotcha:, ref:, profile:, …) or an https URL`;
        if (typeof found === 'string') return this.problem(source, node, found);
        const path = found.heading ? (home.get(found.heading) ?? found.path) : found.path;
        const file = path === doc.path ? '' : posix.relative(posix.dirname(doc.path), path);
        node.url = found.heading ? `${file}#${slugs.get(found.heading)}` : file || posix.basename(path);
      });
    }
    if (this.problems.length) throw new ExportError(this.problems);
  }
}

/** The ids of a catalog written as a range per prefix (`U1–U43`), for the hub's list. */
function idRanges(catalog: Catalog, gotchas: Page<Gotcha>[]): PhrasingContent[] {
  const parts = catalog.prefixes
    .map((prefix) => gotchas.filter((g) => /^(.*?)\d+$/.exec(g.data.id)?.[1] === prefix).map((g) => g.data.id))
    .filter((ids) => ids.length)
    .map((ids) => [code(ids.length === 1 ? ids[0] : `${ids[0]}–${ids.at(-1)}`)]);
  return joined(parts);
}

function sourcesSection(depth: number, sources: Parameters<typeof sourceList>[0]): RootContent[] {
  if (!sources.length) return [];
  return [heading(depth, 'Sources'), sourceList(sources)];
}

function referenceDoc(a: Assembly, page: Page<Reference>) {
  const doc = a.doc(bundlePath.reference(page.file.slug));
  a.top(page.file, { path: doc.path });
  const head: RootContent[] = [heading(1, page.data.title), { type: 'blockquote', children: [paragraph([text(page.data.description)])] }];
  head.push(...provenanceLine(page.data));
  doc.root.children.push(...head, ...a.adopt(page.file, bodyOf(page.file.tree!), true), ...sourcesSection(2, page.data.sources));
}

function gotchaEntry(a: Assembly, doc: Doc, page: Page<Gotcha>): RootContent[] {
  const g = page.data;
  const title = heading(3, [text(`${g.id} — `), ...inline(g.title)]);
  a.top(page.file, { path: doc.path, heading: title });
  const body = bodyOf(page.file.tree!);
  shiftHeadings(body, 2);
  // Drafts are not exported (the site gives them no page either), so `related` skips them as the site does.
  const trailer = gotchaTrailer({ ...g, related: g.related.filter((id) => a.isPublished(id)) });
  // Generated blocks are adopted too, so a problem in them is reported against this gotcha's file.
  return [title, ...a.adopt(page.file, gotchaFacts(g), false), ...a.adopt(page.file, body, true), ...a.adopt(page.file, trailer, false)];
}

function catalogDoc(a: Assembly, corpus: Corpus, page: Page<Catalog>) {
  const doc = a.doc(bundlePath.catalog(page.file.slug));
  a.top(page.file, { path: doc.path });
  const gotchas = corpus.byCatalog.get(page.file.slug) ?? [];
  doc.root.children.push(
    heading(1, page.data.title),
    { type: 'blockquote', children: [paragraph([text(page.data.description)])] },
    ...a.adopt(page.file, bodyOf(page.file.tree!), true),
    heading(2, `All entries (${gotchas.length})`),
    paragraph([text('Each entry below is Symptom → Root cause → Fix, then the facts it rests on. Its heading starts with the id, so searching for '), code('### U6 '), text(' (any id) finds it.')]),
    bulletList(gotchas.map((g) => [link(`gotcha:${g.data.id}`, g.data.id), text(' — '), ...inline(g.data.title)])),
  );
  for (const g of gotchas) doc.root.children.push(...gotchaEntry(a, doc, g));
}

function profileDoc(a: Assembly, corpus: Corpus, page: Page<Profile>) {
  const doc = a.doc(bundlePath.profile(page.file.slug));
  a.top(page.file, { path: doc.path });
  const pinned = corpus.gotchas.filter((g) => g.data.platforms.includes(page.file.slug));
  doc.root.children.push(
    heading(1, page.data.title),
    { type: 'blockquote', children: [paragraph([text(page.data.description)])] },
    ...factsTables(page.data),
    ...a.adopt(page.file, bodyOf(page.file.tree!), true),
    heading(2, `Gotchas on this platform (${pinned.length})`),
    bulletList(pinned.map((g) => [link(`gotcha:${g.data.id}`, g.data.id), text(' — '), ...inline(g.data.title)])),
    ...sourcesSection(2, page.data.sources),
  );
}

/** The principle sections of the principles page, in number order, each with its following content. */
function principleSections(page: Page<Reference>): RootContent[][] {
  const sections: { n: number; nodes: RootContent[] }[] = [];
  let current: { n: number; depth: number; nodes: RootContent[] } | undefined;
  for (const node of bodyOf(page.file.tree!)) {
    if (node.type === 'heading') {
      const n = PRINCIPLE_ID.exec(explicitId(node) ?? '')?.[1];
      if (n) {
        current = { n: Number(n), depth: node.depth, nodes: [] };
        sections.push(current);
      } else if (current && node.depth <= current.depth) current = undefined;
    }
    current?.nodes.push(node);
  }
  return sections.sort((x, y) => x.n - y.n).map((s) => s.nodes);
}

/** What the skill does and when to use it, for the loader that decides whether to open it. */
export function skillDescription(corpus: Corpus): string {
  const platforms = corpus.profiles.map((p) => p.data.title.replace(/\s*\(.*\)$/, '')).join(', ');
  return oneLine(
    `Field guide for training models on rented or owned GPUs (${platforms}): which storage survives a stop or a destroy, ` +
      `which action really ends billing, the clocks that delete data, ${corpus.gotchas.length} catalogued failure modes of long runs ` +
      `with root causes and fixes, and shell templates for launching, watching and syncing jobs. Use it when planning, launching, ` +
      `monitoring, debugging or tearing down a training job on a remote or metered GPU machine, or when a user pastes an error from one.`,
  );
}

/**
 * The hub's steps for the end of a job: a run that finished is not yet a result, and a result is not delivered
 * until a copy was checked. Each step is written only when the pages it sends the agent to are in the corpus,
 * so a project without them still exports.
 */
function lifecycleSteps(corpus: Corpus): PhrasingContent[][] {
  const ref = (slug: string) => corpus.references.find((r) => r.file.slug === slug);
  const script = (name: string) => corpus.templates.some((t) => t.name === name);
  const steps: PhrasingContent[][] = [];
  const checklist = ref('lifecycle-checklist');
  if (checklist) steps.push([text('Walk a job through '), link('ref:lifecycle-checklist', checklist.data.title), text(' phase by phase, from choosing the platform to the teardown; a phase is done when its check passes.')]);
  const verify = ref('verify');
  if (verify) steps.push([text('Before you report a number, go through '), link('ref:verify', verify.data.title), text(' and write its result record: seeds and spread, selection rule, leakage check, which weights were scored, the determinism audit.')]);
  const deliver = ref('deliver');
  if (deliver) {
    const manifest: PhrasingContent[] = script('make_manifest.sh') && script('verify_manifest.sh')
      ? [text(': build the manifest on the box with '), link('script:make_manifest.sh', 'make_manifest.sh'), text(' and check the pulled copy with '), link('script:verify_manifest.sh', 'verify_manifest.sh'), text('.')]
      : [text('.')];
    steps.push([text('Say "done" only after the delivery gate of '), link('ref:deliver', deliver.data.title), text(' passes'), ...manifest]);
    steps.push([text('Never delete anything on the box unless the user said yes to those exact paths, and write the approval into the deletion log first ('), link('ref:deliver#no-silent-deletes', 'no silent deletes'), text(').')]);
  }
  return steps;
}

function hubDoc(a: Assembly, corpus: Corpus) {
  const doc = a.doc('SKILL.md');
  const description = skillDescription(corpus);
  if (description.length > DESCRIPTION_MAX) throw new Error(`The skill description is ${description.length} characters; Agent Skills allows ${DESCRIPTION_MAX}`);
  const principles = corpus.references.find((r) => r.file.slug === 'principles');
  if (!principles) throw new Error('content/references/principles.md is missing; the hub quotes its operating principles');
  const sections = principleSections(principles);
  if (!sections.length) throw new Error('content/references/principles.md has no `{#principle-N}` headings to quote');

  const children: RootContent[] = [
    { type: 'yaml', value: yamlStringify({ name: SKILL_NAME, description }, { lineWidth: 0 }).trimEnd() },
    heading(1, 'Remote GPU Field Guide'),
    paragraph([
      text('Practical knowledge for running training jobs on machines billed by the minute, or on a box you own: per-platform facts, '),
      text('failure modes written Symptom → Root cause → Fix, and scripts to copy onto the machine. Read this page first; open the other files only when a task needs them.'),
    ]),
    heading(2, 'How to use this skill'),
    {
      type: 'list',
      ordered: true,
      start: 1,
      spread: false,
      children: [
        [text('Find the platform in '), strong('Platform profiles'), text(' below and read its profile before the first launch: what survives a stop, the verb that ends billing, and its danger clocks.')],
        [text('Apply the operating principles below to every run, whatever the platform.')],
        [text('When something breaks, search '), code('references/catalogs/'), text(' for the exact error text: every entry lists the strings people paste under "Also seen as". Entry headings start with the id, so '), code("grep -rn '^### U6 ' references/catalogs/"), text(' finds one by id.')],
        [text('Before changing anything, say which entry matches and why; quote its fix rather than improvising one.')],
        [text('Use the templates in '), code('scripts/'), text(' as they are, filling the variables from the profile’s "Template variables" table.')],
        ...lifecycleSteps(corpus),
      ].map((c) => ({ type: 'listItem', spread: false, children: [paragraph(c as PhrasingContent[])] })),
    },
    heading(2, 'Operating principles'),
    // One line each; the argument and the examples are in references/principles.md. Quoted whole, they were
    // most of this page (about 9k tokens where Agent Skills asks for under 5k in the file read first).
    paragraph([text('Apply all ten to every run; '), link('ref:principles', 'the principles page'), text(' gives the reasoning and examples of each.')]),
    {
      type: 'list',
      ordered: true,
      start: 1,
      spread: false,
      children: sections.map((section) => {
        const head = section[0] as Heading;
        const n = PRINCIPLE_ID.exec(explicitId(head) ?? '')![1]!;
        const title = toString(head).replace(/\s*\{#[^}]*\}\s*$/, '').replace(/^\d+\.\s*/, '');
        return { type: 'listItem', spread: false, children: [paragraph([link(`principle:${n}`, title)])] };
      }),
    },
  ];

  children.push(
    heading(2, 'Platform profiles'),
    table(
      ['Platform', 'Kind', 'Stops the meter', 'What it is'],
      corpus.profiles.map((p) => [
        [link(`profile:${p.file.slug}`, p.data.title)],
        [code(p.data.kind)],
        [code(p.data.meter.stopVerb), text(p.data.meter.irreversible ? ' (deletes data)' : '')],
        [text(p.data.description)],
      ]),
    ),
    heading(2, 'Gotcha catalogs'),
  );
  for (const section of SECTIONS) {
    const catalogs = corpus.catalogs.filter((c) => c.data.section === section);
    if (!catalogs.length) continue;
    children.push(
      heading(3, section[0].toUpperCase() + section.slice(1)),
      bulletList(
        catalogs.map((c) => {
          const gotchas = corpus.byCatalog.get(c.file.slug) ?? [];
          return [link(`catalog:${c.file.slug}`, c.data.title), text(` (${gotchas.length}: `), ...idRanges(c.data, gotchas), text(`) — ${c.data.description}`)];
        }),
      ),
    );
  }
  children.push(
    heading(2, 'Reference pages'),
    bulletList(corpus.references.map((r) => [link(`ref:${r.file.slug}`, r.data.title), text(` — ${r.data.description}`)])),
    heading(2, 'Script templates'),
    paragraph([text('Copied byte for byte; each documents its variables in a comment block at the top.')]),
    table(
      ['Script', 'What it is', 'Use it to'],
      corpus.templates.map((t) => [[link(`script:${t.name}`, t.name)], [text(oneLine(t.meta.title))], [text(oneLine(t.meta.purpose))]]),
    ),
  );
  doc.root.children.push(...children);
}

/**
 * Every file of the bundle, keyed by bundle-relative path in sorted order: Markdown as text, scripts as their
 * stored bytes. Pure: the same corpus always gives the same map.
 */
export function buildSkill(corpus: Corpus): Map<string, string | Uint8Array> {
  const a = new Assembly(corpus);
  for (const t of corpus.templates) a.top(t.file, { path: bundlePath.script(t.name) });
  for (const r of corpus.references) referenceDoc(a, r);
  for (const c of corpus.catalogs) catalogDoc(a, corpus, c);
  for (const p of corpus.profiles) profileDoc(a, corpus, p);
  hubDoc(a, corpus);
  a.resolveLinks();

  const files = new Map<string, string | Uint8Array>();
  for (const doc of a.docs) files.set(doc.path, print(doc.root));
  for (const t of corpus.templates) {
    const path = bundlePath.script(t.name);
    if (files.has(path)) throw new Error(`Two files would be written to \`${path}\` in the bundle`);
    files.set(path, t.bytes);
  }
  return new Map([...files].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)));
}
