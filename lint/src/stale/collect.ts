/**
 * Every `verified` month in the corpus as one flat list, so a maintainer can see which checks have gone
 * longest without a re-check, and every carried-over page, which nobody here has checked yet. Each is kept
 * with the fact it vouches for, the source URLs to re-check it at, and how much a wrong fact would hurt
 * (`money-data` when following it could bill someone or lose a checkpoint; see risk.ts).
 */
import type { Heading } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { LintFile } from '../engine/types.ts';
import { monthsBetween, VERIFIED_PATTERN } from '../schema/verified.ts';
import { normalizeMonth } from '../rules/verified-stamp/loose-month.ts';
import { quotedMonths } from '../rules/quoted-source/index.ts';
import { provenanceOf } from '../schema/provenance.ts';
import { gotchaRisk, MONEY_DATA_SECTIONS, type StaleRisk } from './risk.ts';

export type { StaleRisk } from './risk.ts';
export { MONEY_DATA_SECTIONS } from './risk.ts';

/** Where a stamp was written. */
export type StampSource = 'frontmatter' | 'danger-clock' | 'inline';

export interface StaleEntry {
  /** Root-relative path. */
  file: string;
  line: number;
  column: number;
  source: StampSource;
  /** What the stamp vouches for: the page title, a danger clock's `what`, or an inline stamp's context. */
  fact: string;
  /** `YYYY-MM`. */
  month: string;
  /** Whole months between `month` and the reference month; negative for a month in the future. */
  age: number;
  /** Profile ids the fact concerns, or `['all']`. */
  platforms: string[];
  risk: StaleRisk;
  /** Whether a source of the page is quoted and `checked` in this month: a check, not just a claim of one. */
  quoted: boolean;
  /** The URLs to re-check the fact at: the sources quoted that month, or every source when none is. */
  sources: string[];
}

/** A page whose facts are carried over from another knowledge base, not checked here. */
export interface CarriedEntry {
  file: string;
  line: number;
  column: number;
  /** The page title. */
  fact: string;
  /** `owner/name@commit`. */
  from: string;
  asOf: string;
  upstreamVerified?: string;
  platforms: string[];
  risk: StaleRisk;
  /** The URLs to check the facts at, without links back into the upstream knowledge base itself. */
  sources: string[];
}

/** How many pages are in each provenance state. */
export interface ProvenanceCounts {
  /** Stamped `verified` with a source quoted and checked that month. */
  checked: number;
  /** Stamped `verified` with no such source: a claim of a check (the `quoted-source` rule refuses it). */
  unquoted: number;
  carriedOver: number;
  /** Pages that state neither (references that state no facts, catalogs). */
  none: number;
}

/** The host a reader would recognise a source by (`www.` dropped). */
export function domainOf(url: string): string {
  return URL.canParse(url) ? new URL(url).hostname.replace(/^www\./, '') : url;
}

interface SourceLike {
  url?: unknown;
  quote?: unknown;
  checked?: unknown;
}

function sourceList(value: unknown): SourceLike[] {
  return Array.isArray(value) ? value.filter((s): s is SourceLike => !!s && typeof s === 'object' && typeof (s as SourceLike).url === 'string') : [];
}

/** The URLs that back a stamp of `month`: the quoted sources checked then, else all of them. */
function urlsFor(sources: SourceLike[], month: string | undefined): string[] {
  const quoted = sources.filter((s) => typeof s.quote === 'string' && s.checked === month);
  return (quoted.length ? quoted : sources).map((s) => s.url as string);
}

/** `github.com/owner/name/` of an `owner/name@commit`, for dropping links back into the upstream. */
const upstreamPrefix = (from: string) => `https://github.com/${from.split('@')[0]}/`.toLowerCase();

const STAMPED_KINDS = new Set(['gotcha', 'profile', 'reference', 'catalog']);

const clean = (s: string) => s.replace(/\{#[\w-]+\}\s*$/, '').replace(/\s+/g, ' ').trim();

/** The `##` section each line of a body belongs to, looked up by line number. */
function sectionFinder(file: LintFile): (line: number) => string | undefined {
  const starts: { line: number; name: string }[] = [];
  for (const node of file.tree?.children ?? []) {
    if (node.type === 'heading' && node.depth <= 2 && node.position) {
      starts.push({ line: node.position.start.line, name: node.depth === 2 ? clean(toString(node as Heading)) : '' });
    }
  }
  return (line) => {
    let found: string | undefined;
    for (const s of starts) {
      if (s.line > line) break;
      found = s.name || undefined;
    }
    return found;
  };
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** A month as written, made comparable when that is unambiguous; `undefined` when nobody could age it. */
function monthOf(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (VERIFIED_PATTERN.test(value)) return value;
  const fixed = normalizeMonth(value);
  return fixed && VERIFIED_PATTERN.test(fixed) ? fixed : undefined;
}

const RISK_ORDER: Record<StaleRisk, number> = { 'money-data': 0, other: 1 };

/** Money/data first, then the oldest, then by place in the repository. */
export function compareEntries(a: StaleEntry, b: StaleEntry): number {
  return (
    RISK_ORDER[a.risk] - RISK_ORDER[b.risk] ||
    b.age - a.age ||
    a.file.localeCompare(b.file) ||
    a.line - b.line ||
    a.column - b.column
  );
}

/** What every collector needs to know about one page. */
function pageFacts(file: LintFile) {
  const data = file.frontmatter.data;
  const title = typeof data.title === 'string' ? clean(data.title) : file.path;
  const gotchaRisky = file.kind === 'gotcha' && gotchaRisk(stringList(data.cost), stringList(data.tags)) === 'money-data';
  const platforms =
    file.kind === 'gotcha' ? (stringList(data.platforms).length ? stringList(data.platforms) : ['all']) : file.kind === 'profile' ? [file.slug] : ['all'];
  // A profile's frontmatter is mostly meter, storage survival and clocks: the facts that cost money or data.
  const pageRisk: StaleRisk = gotchaRisky || file.kind === 'profile' ? 'money-data' : 'other';
  return { data, title, gotchaRisky, platforms, pageRisk, sources: sourceList(data.sources) };
}

const usable = (file: LintFile) => STAMPED_KINDS.has(file.kind) && !file.readProblem;

/** Collect every stamp of the stamped kinds (gotchas, profiles, references, catalogs), sorted. */
export function collectStamps(files: readonly LintFile[], today: string): StaleEntry[] {
  const out: StaleEntry[] = [];
  for (const file of files) {
    if (!usable(file)) continue;
    const { data, title, gotchaRisky, platforms, pageRisk, sources } = pageFacts(file);
    const quoted = quotedMonths(data.sources);
    const push = (month: string, at: { line: number; column: number }, source: StampSource, fact: string, risk: StaleRisk) =>
      out.push({ file: file.path, line: at.line, column: at.column, source, fact, month, age: monthsBetween(month, today), platforms, risk, quoted: quoted.has(month), sources: urlsFor(sources, month) });

    const own = monthOf(data.verified);
    if (own) push(own, file.frontmatter.positionOf(['verified']).start, 'frontmatter', title, pageRisk);

    if (file.kind === 'profile' && Array.isArray(data.dangerClocks)) {
      data.dangerClocks.forEach((clock, i) => {
        const c = (clock ?? {}) as Record<string, unknown>;
        const month = monthOf(c.verified);
        if (!month) return;
        const what = typeof c.what === 'string' ? clean(c.what) : `danger clock ${i + 1}`;
        push(month, file.frontmatter.positionOf(['dangerClocks', i, 'verified']).start, 'danger-clock', what, 'money-data');
      });
    }

    const sectionAt = sectionFinder(file);
    for (const stamp of file.stamps) {
      const month = monthOf(stamp.month);
      if (!month) continue;
      const section = sectionAt(stamp.position.start.line);
      const inRiskySection = file.kind === 'profile' && section !== undefined && MONEY_DATA_SECTIONS.some((s) => s.toLowerCase() === section.toLowerCase());
      // A table row's context includes the stamp itself; the fact reads better without it.
      const fact = clean(stamp.context.replace(/\(verified\b[^()]*\)/g, '')) || section || title;
      push(month, stamp.position.start, 'inline', fact, gotchaRisky || inRiskySection ? 'money-data' : 'other');
    }
  }
  return out.sort(compareEntries);
}

/** Every carried-over page, money/data first, then by place in the repository. */
export function collectCarried(files: readonly LintFile[]): CarriedEntry[] {
  const out: CarriedEntry[] = [];
  for (const file of files) {
    if (!usable(file)) continue;
    const { data, title, platforms, pageRisk, sources } = pageFacts(file);
    const p = provenanceOf(data);
    if (p.state !== 'carried-over') continue;
    const at = file.frontmatter.keyPositionOf(['carried_over']).start;
    const upstream = upstreamPrefix(p.from);
    out.push({
      file: file.path,
      line: at.line,
      column: at.column,
      fact: title,
      from: p.from,
      asOf: p.asOf,
      ...(p.upstreamVerified ? { upstreamVerified: p.upstreamVerified } : {}),
      platforms,
      risk: pageRisk,
      sources: sources.map((s) => s.url as string).filter((u) => !u.toLowerCase().startsWith(upstream)),
    });
  }
  return out.sort((a, b) => RISK_ORDER[a.risk] - RISK_ORDER[b.risk] || a.file.localeCompare(b.file) || a.line - b.line);
}

/** Pages by provenance state, over the kinds that state facts (gotchas, profiles, references). */
export function countProvenance(files: readonly LintFile[]): ProvenanceCounts {
  const counts: ProvenanceCounts = { checked: 0, unquoted: 0, carriedOver: 0, none: 0 };
  for (const file of files) {
    if (!usable(file) || file.kind === 'catalog') continue;
    const p = provenanceOf(file.frontmatter.data);
    if (p.state === 'checked') counts[quotedMonths(file.frontmatter.data.sources).has(p.month) ? 'checked' : 'unquoted']++;
    else if (p.state === 'carried-over') counts.carriedOver++;
    else counts.none++;
  }
  return counts;
}

/** Whether an entry is past the limit (the same test the `verified-stamp` rule uses). */
export const isStale = (entry: StaleEntry, maxAge: number) => entry.age > maxAge;

/** Months until an entry goes stale: 0 when it already is, 1 when it will be next month, and so on. */
export const dueIn = (entry: StaleEntry, maxAge: number) => Math.max(0, maxAge + 1 - entry.age);
