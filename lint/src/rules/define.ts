/**
 * The rule contract. A rule only reports; the engine stamps id, severity, source and docs URL on every
 * message (as unified-lint-rule does), so no rule builds its own URL or decides its own output.
 */
import type { CorpusIndex } from '../engine/corpus-index.ts';
import type { Kind, LintFile, Report, Severity } from '../engine/types.ts';

export interface RuleOptions {
  /** Months after which a `verified` stamp is a warning (an error at twice that). */
  maxAge: number;
  /** The month age is measured against, `YYYY-MM`. */
  today: string;
}

export interface RuleContext {
  index: CorpusIndex;
  options: RuleOptions;
  report(file: LintFile, report: Report): void;
}

interface RuleMeta {
  /** kebab-case, stable, equal to the folder name; never reused. */
  id: string;
  /** One line, shown in `--help` and in SARIF. */
  description: string;
  severity: Severity;
  /** File kinds the rule looks at. */
  kinds: readonly Kind[];
  /**
   * Whether the rule also sees files that could not be read (`readProblem`: not UTF-8, too large, a FIFO…).
   * Only `readable-file` does, to report each such file once; every other rule is never handed one, so none
   * opens with a guard for it (as unified-lint-rule's wrapper skips a file already marked fatal).
   */
  unreadable?: 'report';
}

/**
 * Checks one file at a time (it may consult the corpus index). It may finish later, returning a promise, when
 * it hands work to another thread: the engine parses the next files meanwhile and waits before it reports.
 */
export interface FileRule extends RuleMeta {
  scope: 'file';
  check(file: LintFile, ctx: RuleContext): void | Promise<void>;
}

/** Checks the files together (uniqueness and the like). */
export interface ProjectRule extends RuleMeta {
  scope: 'project';
  check(files: readonly LintFile[], ctx: RuleContext): void;
}

export type Rule = FileRule | ProjectRule;

export const defineRule = <R extends Rule>(rule: R): R => rule;

/** Whether the engine hands `file` to `rule`: its kind, and readable unless the rule reports unreadable files. */
export const appliesTo = (rule: RuleMeta, file: LintFile): boolean => rule.kinds.includes(file.kind) && (!file.readProblem || rule.unreadable === 'report');
