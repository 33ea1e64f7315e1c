/**
 * Inline lint comments, as markdownlint and ESLint have them, always naming the rules they silence:
 *   <!-- kb-lint disable-next-line rule-id -->        the line after the comment
 *   <!-- kb-lint disable rule-id --> … <!-- kb-lint enable rule-id -->   the lines between (or to the end)
 *   <!-- kb-lint disable-file rule-id -->             the whole file
 * Applied to a run's findings at the very end, so the cache and the rules never see them. A comment that
 * names no rule, names an unknown one, or silences nothing is itself a finding (rule `disable-directive`).
 */
import { ruleById } from '../rules/index.ts';
import { toFinding, type Finding } from './findings.ts';
import type { Directive, LintFile, SeveritySetting } from './types.ts';

const VERBS = ['disable-next-line', 'disable', 'enable', 'disable-file'];

/** The lines a directive covers: `[from, to]` inclusive, or every line for `disable-file`. */
interface Span {
  directive: Directive;
  rule: string;
  from: number;
  to: number;
  used: boolean;
}

/** Findings left after the files' comments are applied, plus a finding for every comment that is wrong or idle. */
export function applyDirectives(findings: readonly Finding[], files: readonly LintFile[], setting: SeveritySetting = 'error'): Finding[] {
  const meta = ruleById.get('disable-directive')!;
  const spans = new Map<string, Span[]>();
  const problems: Finding[] = [];
  for (const file of files) {
    if (!file.directives?.length) continue;
    const mine: Span[] = [];
    const open = new Map<string, Span>();
    const problem = (directive: Directive, message: string) => problems.push(toFinding(meta, setting, file, { message, place: directive.position }));
    for (const directive of file.directives) {
      const line = directive.position.end.line;
      if (!VERBS.includes(directive.verb)) {
        problem(directive, `Unknown kb-lint comment \`${directive.verb || '(none)'}\`, expected ${VERBS.map((v) => `\`${v}\``).join(', ')}`);
        continue;
      }
      if (!directive.rules.length) {
        problem(directive, `Missing rule id in \`kb-lint ${directive.verb}\`, expected the rules it applies to (\`kb-lint --list-rules\`)`);
        continue;
      }
      for (const rule of directive.rules) {
        if (!ruleById.has(rule)) {
          problem(directive, `Unknown rule \`${rule}\` in \`kb-lint ${directive.verb}\``);
          continue;
        }
        if (directive.verb === 'disable-next-line') mine.push({ directive, rule, from: line + 1, to: line + 1, used: false });
        else if (directive.verb === 'disable-file') mine.push({ directive, rule, from: 0, to: Infinity, used: false });
        else if (directive.verb === 'disable') {
          const span = { directive, rule, from: line, to: Infinity, used: false };
          open.set(rule, span);
          mine.push(span);
        } else {
          const span = open.get(rule);
          if (!span) problem(directive, `Unexpected \`kb-lint enable ${rule}\` with no \`disable\` before it`);
          else span.to = line;
          open.delete(rule);
        }
      }
    }
    spans.set(file.path, mine);
  }
  const kept = findings.filter((finding) => {
    const line = finding.line ?? 0;
    const covering = spans.get(finding.file)?.filter((s) => s.rule === finding.ruleId && (s.from === 0 || (line >= s.from && line <= s.to)));
    for (const span of covering ?? []) span.used = true;
    return !covering?.length;
  });
  for (const [path, list] of spans) {
    const file = files.find((f) => f.path === path)!;
    for (const span of list) {
      if (!span.used) problems.push(toFinding(meta, setting, file, { message: `Unused \`kb-lint ${span.directive.verb} ${span.rule}\`: no \`${span.rule}\` finding here to silence`, place: span.directive.position }));
    }
  }
  return setting === 'off' ? kept : [...kept, ...problems];
}
