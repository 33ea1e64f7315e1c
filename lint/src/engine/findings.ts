/**
 * What a run passes around, without the parser: the Finding every formatter receives, the per-file summary
 * that outlives a tree (and goes into the cache), and the bookkeeping of which rules run under which
 * setting. A re-run that the cache answers loads this and never the Markdown parser (analyse.ts).
 */
import { RULES } from '../rules/index.ts';
import type { Rule, RuleOptions } from '../rules/define.ts';
import { frontmatterFrom, type FrontmatterData } from './frontmatter.ts';
import { decode } from './decode.ts';
import type { Directive, FileAnchor, InlineStamp, Kind, LintFile, LinkUse, Report, Severity, SeveritySetting } from './types.ts';
import { ruleUrl } from '../site-url.ts';

/** One finding, as every formatter receives it. */
export interface Finding {
  file: string;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  ruleId: string;
  severity: Severity;
  message: string;
  note?: string;
  url: string;
  fix?: Report['fix'];
  key?: string;
}

/** What every part of a run must agree on; plain data so it can be hashed into the cache key. */
export interface RunConfig extends RuleOptions {
  severities: [string, SeveritySetting][];
}

/** A LintFile minus its text and tree: what the index and index-consulting rules read. */
export interface FileSummary {
  path: string;
  kind: Kind;
  slug: string;
  readProblem?: LintFile['readProblem'];
  frontmatter: FrontmatterData;
  anchors: FileAnchor[];
  links: LinkUse[];
  stamps: InlineStamp[];
  directives?: Directive[];
  passesWithoutIndex?: boolean;
}

export interface Analysis {
  summary: FileSummary;
  /** Findings of the rules that ran to completion without the index. */
  findings: Finding[];
  /** Ids of file rules that asked for the index on this file. */
  deferred: string[];
}

/** `[start, end]` of a report's place; a bare point has no end. */
function ends(place: Report['place']) {
  if (!place) return [undefined, undefined] as const;
  return 'start' in place ? ([place.start, place.end] as const) : ([place, undefined] as const);
}

/** The finding a report becomes under a severity setting; shared by every phase so they cannot drift. */
export function toFinding(rule: Rule, setting: SeveritySetting, file: LintFile, report: Report): Finding {
  const [start, end] = ends(report.place);
  // An override can only soften: a rule turned into a warning never reports errors.
  const severity: Severity = setting === 'warning' ? 'warning' : (report.severity ?? (setting as Severity));
  return {
    file: file.path,
    line: start?.line,
    column: start?.column,
    endLine: end?.line,
    endColumn: end?.column,
    ruleId: rule.id,
    severity,
    message: report.message,
    note: report.note,
    url: ruleUrl(rule.id),
    fix: report.fix,
    ...(report.key !== undefined ? { key: report.key } : {}),
  };
}

/** Rules that are switched on, with the setting each runs under, in registry order. */
export function activeRules(config: RunConfig): { rule: Rule; setting: SeveritySetting }[] {
  const overrides = new Map(config.severities);
  return RULES.map((rule) => ({ rule, setting: overrides.get(rule.id) ?? rule.severity })).filter((r) => r.setting !== 'off');
}

/** What outlives the tree: plain data, so the cache can store it. */
export function summarise(file: LintFile): FileSummary {
  return {
    path: file.path,
    kind: file.kind,
    slug: file.slug,
    ...(file.readProblem ? { readProblem: file.readProblem } : {}),
    frontmatter: { data: file.frontmatter.data, present: file.frontmatter.present, problems: file.frontmatter.problems, ...(file.frontmatter.source ? { source: file.frontmatter.source } : {}) },
    anchors: file.anchors.map(({ depth, text, id, explicit }) => ({ depth, text, id, explicit })),
    links: file.links,
    stamps: file.stamps,
    ...(file.directives ? { directives: file.directives } : {}),
    ...(file.passesWithoutIndex ? { passesWithoutIndex: true } : {}),
  };
}

/**
 * A LintFile rebuilt from a summary, for the index and the index-consulting rules. Its text is decoded from
 * the same bytes on first use (rules rarely need it here); its tree is gone, and reading it is a bug.
 */
export function lightFile(summary: FileSummary, bytes: Uint8Array): LintFile {
  let text: string | undefined;
  const file = {
    path: summary.path,
    kind: summary.kind,
    slug: summary.slug,
    ...(summary.readProblem ? { readProblem: summary.readProblem } : {}),
    frontmatter: frontmatterFrom(summary.frontmatter),
    anchors: summary.anchors,
    links: summary.links,
    stamps: summary.stamps,
    ...(summary.directives ? { directives: summary.directives } : {}),
    ...(summary.passesWithoutIndex ? { passesWithoutIndex: true } : {}),
    get text() {
      text ??= summary.readProblem ? '' : decode(bytes).text;
      return text;
    },
    get tree(): never {
      throw new Error(`A rule read the syntax tree of \`${summary.path}\` in the phase that runs on summaries; a rule that consults the corpus index must not use the tree (see lint/src/engine/analyse.ts)`);
    },
  };
  return file as LintFile;
}
