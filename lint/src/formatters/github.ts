/**
 * GitHub Actions workflow commands. GitHub shows at most 10 error and 10 warning annotations per step, so the
 * full list also goes to the job summary (`$GITHUB_STEP_SUMMARY`) when that file is given.
 */
import type { Finding } from '../engine/run.ts';
import { tableCell } from '../table-cell.ts';

/** Workflow-command property and message escaping, as the Actions toolkit does. */
const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function formatGithub(findings: readonly Finding[]): string {
  return findings
    .map((f) => {
      const props = [`file=${escapeProperty(f.file)}`];
      if (f.line) props.push(`line=${f.line}`, `endLine=${f.endLine ?? f.line}`);
      if (f.column) props.push(`col=${f.column}`);
      if (f.endColumn && (f.endLine ?? f.line) === f.line) props.push(`endColumn=${f.endColumn}`);
      props.push(`title=${escapeProperty(f.ruleId)}`);
      return `::${f.severity === 'error' ? 'error' : 'warning'} ${props.join(',')}::${escapeData(f.message)}`;
    })
    .join('\n')
    .concat(findings.length ? '\n' : '');
}

/** A Markdown table for the job summary. */
export function formatGithubSummary(findings: readonly Finding[]): string {
  const errors = findings.filter((f) => f.severity === 'error').length;
  const head = `### Content lint: ${errors} error(s), ${findings.length - errors} warning(s)\n\n`;
  if (!findings.length) return `${head}No findings.\n`;
  const rows = findings.map((f) => `| ${f.severity} | \`${f.file}:${f.line ?? 1}:${f.column ?? 1}\` | ${tableCell(f.message)} | [${f.ruleId}](${f.url}) |`);
  return `${head}| severity | where | message | rule |\n| --- | --- | --- | --- |\n${rows.join('\n')}\n`;
}
