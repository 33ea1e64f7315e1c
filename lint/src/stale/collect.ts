/**
 * Every `verified` month in the corpus as one flat list, so a maintainer can see which checks have gone
 * longest without a re-check. A stamp is kept with the fact it vouches for, its age and how much a wrong
 * fact would hurt (`money-data` when following it could bill someone or lose a checkpoint).
 */
import type { Heading } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { LintFile } from '../engine/types.ts';
import { monthsBetween, VERIFIED_PATTERN } from '../schema/verified.ts';
import { normalizeMonth } from '../rules/verified-stamp/normalize.ts';

export type StaleRisk = 'money-data' | 'other';

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
}

/** Profile sections whose facts decide whether a user is billed or loses data. */
export const MONEY_DATA_SECTIONS = ['Storage', 'Teardown and billing'] as const;

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

/** Collect every stamp of the stamped kinds (gotchas, profiles, references, catalogs), sorted. */
export function collectStamps(files: readonly LintFile[], today: string): StaleEntry[] {
  const out: StaleEntry[] = [];
  for (const file of files) {
    if (!STAMPED_KINDS.has(file.kind) || file.readProblem) continue;
    const data = file.frontmatter.data;
    const title = typeof data.title === 'string' ? clean(data.title) : file.path;
    const costs = stringList(data.cost);
    const gotchaRisky = file.kind === 'gotcha' && (costs.includes('money') || costs.includes('data'));
    const platforms =
      file.kind === 'gotcha' ? (stringList(data.platforms).length ? stringList(data.platforms) : ['all']) : file.kind === 'profile' ? [file.slug] : ['all'];
    const push = (month: string, at: { line: number; column: number }, source: StampSource, fact: string, risk: StaleRisk) =>
      out.push({ file: file.path, line: at.line, column: at.column, source, fact, month, age: monthsBetween(month, today), platforms, risk });

    const own = monthOf(data.verified);
    if (own) {
      // A profile's frontmatter is mostly meter, storage survival and clocks: the facts that cost money or data.
      const risk: StaleRisk = gotchaRisky || file.kind === 'profile' ? 'money-data' : 'other';
      push(own, file.frontmatter.positionOf(['verified']).start, 'frontmatter', title, risk);
    }

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

/** Whether an entry is past the limit (the same test the `verified-stamp` rule uses). */
export const isStale = (entry: StaleEntry, maxAge: number) => entry.age > maxAge;
