/**
 * The lint run: read and parse every corpus file once, build the index, run each rule over the files it
 * applies to, and return sorted findings. Pure apart from reading files; formatting and exit codes belong
 * to the CLI.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RULES } from '../rules/index.ts';
import type { Rule, RuleOptions } from '../rules/define.ts';
import { buildIndex, type CorpusIndex } from './corpus-index.ts';
import { loadFile } from './load.ts';
import type { LintFile, Report, Severity, SeveritySetting } from './types.ts';
import { ruleUrl } from './urls.ts';

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
}

export interface LintOptions extends RuleOptions {
  root: string;
  /** Every corpus file, root-relative: the index is built from all of them. */
  corpus: readonly string[];
  /** Files to report on (root-relative); all of the corpus when omitted. */
  targets?: readonly string[];
  /** Per-rule severity overrides. */
  severities?: ReadonlyMap<string, SeveritySetting>;
  /** Bytes of a file, for tests and caches; read from disk when absent. */
  read?: (path: string) => Promise<Uint8Array>;
}

export interface LintResult {
  findings: Finding[];
  files: LintFile[];
  index: CorpusIndex;
}

function point(place: Report['place'], which: 'start' | 'end') {
  if (!place) return undefined;
  return 'start' in place ? place[which] : which === 'start' ? place : undefined;
}

/** Stable order: file, line, column, rule, message (as vfile-sort does). */
export function compareFindings(a: Finding, b: Finding): number {
  return a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0) || a.ruleId.localeCompare(b.ruleId) || a.message.localeCompare(b.message);
}

export async function parseFiles(root: string, paths: readonly string[], read?: LintOptions['read']): Promise<LintFile[]> {
  const reader = read ?? ((p: string) => readFile(join(root, p)));
  return Promise.all(
    paths.map(async (p) => {
      try {
        return loadFile(p, await reader(p));
      } catch (error) {
        const file = loadFile(p, new Uint8Array());
        return { ...file, readProblem: { message: `Cannot read file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` } };
      }
    }),
  );
}

export async function lint(options: LintOptions): Promise<LintResult> {
  const files = await parseFiles(options.root, options.corpus, options.read);
  return lintParsed(files, options);
}

/** Run the rules over already-parsed files (the benchmark and the cache reuse parsing). */
export function lintParsed(files: LintFile[], options: Omit<LintOptions, 'corpus' | 'read'>): LintResult {
  const index = buildIndex(files);
  const targets = options.targets ? new Set(options.targets) : undefined;
  const findings: Finding[] = [];
  for (const rule of RULES) {
    const setting = options.severities?.get(rule.id) ?? rule.severity;
    if (setting === 'off') continue;
    const ctx = {
      index,
      options: { maxAge: options.maxAge, today: options.today },
      report(file: LintFile, report: Report) {
        if (targets && !targets.has(file.path)) return;
        const start = point(report.place, 'start');
        const end = point(report.place, 'end');
        // An override can only soften: a rule turned into a warning never reports errors.
        const severity: Severity = setting === 'warning' ? 'warning' : (report.severity ?? setting);
        findings.push({
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
        });
      },
    };
    runRule(rule, files, ctx);
  }
  findings.sort(compareFindings);
  return { findings, files, index };
}

function runRule(rule: Rule, files: LintFile[], ctx: Parameters<Rule['check']>[1]) {
  const applicable = files.filter((f) => rule.kinds.includes(f.kind));
  if (rule.scope === 'project') rule.check(applicable, ctx);
  else for (const file of applicable) rule.check(file, ctx);
}
