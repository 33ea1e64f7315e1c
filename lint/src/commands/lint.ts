/**
 * `kb-lint [paths|globs...]`: the default command. Its options become `lintReport`'s (lint/src/api.ts, the
 * one lint pipeline, which scripts call too); this module only reads them and prints the report.
 */
import { appendFile } from 'node:fs/promises';
import { lintReport } from '../api.ts';
import { UsageError, VERSION } from '../io.ts';
import { RULES, ruleById } from '../rules/index.ts';
import { defineCommand, monthOption, wholeNumber } from './command.ts';

/** `--rule id=level`, repeatable; the last one for an id wins. */
function ruleSettings(values: readonly string[]): Record<string, 'off' | 'warn' | 'error'> {
  const out: Record<string, 'off' | 'warn' | 'error'> = {};
  for (const value of values) {
    const m = /^([a-z0-9-]+)=(off|warn|warning|error)$/.exec(value);
    if (!m) throw new UsageError(`Unexpected --rule \`${value}\`, expected \`<rule-id>=off|warn|error\``);
    if (!ruleById.has(m[1])) throw new UsageError(`Unknown rule \`${m[1]}\` in --rule; \`--list-rules\` lists them`);
    out[m[1]] = m[2] === 'warning' ? 'warn' : (m[2] as 'off' | 'warn' | 'error');
  }
  return out;
}

// The longest rule id sets the column, so a new long id cannot run into its severity.
const RULE_ID_WIDTH = Math.max(...RULES.map((r) => r.id.length));

export const command = defineCommand({
  name: '',
  forms: ['[paths|globs...] [options]'],
  summary: 'lint content and script templates',
  description: `Checks the field guide's content (content/**/*.md) and script templates (scripts/*.sh*) against the
content model and the project's rules. With no paths, lints the whole corpus. Cross-references always
resolve against the whole corpus, whatever subset is reported. A path that does not exist or cannot be read
is a usage error; an existing folder with no content files in it checks 0 files and exits 0, as does
--changed when nothing changed.

Configuration: kb-lint.config.json at the root (rules, maxAge, ignores, overrides) and inline comments
<!-- kb-lint disable-next-line|disable|enable|disable-file rule-id -->; see docs/CONFIG.md.`,
  options: {
    format: { type: 'string', default: 'text', arg: 'f', choices: ['text', 'json', 'github', 'sarif'], help: 'text (default, to stderr) | json | github | sarif (to stdout)' },
    changed: {
      type: 'string',
      arg: 'ref',
      help: 'report only files that differ from a git ref (e.g. origin/main), and the\ntranslations of changed English pages',
    },
    'max-age': {
      type: 'string',
      arg: 'months',
      help: "a verified stamp older than this warns, older than twice this errors (default: the\nconfig file's maxAge, else 6)",
    },
    today: { type: 'string', arg: 'YYYY-MM', help: 'the month ages are measured against (default: this month, UTC)' },
    rule: { type: 'string', multiple: true, default: [], arg: 'id=level', help: 'set a rule to off, warn or error; repeatable; wins over the config file' },
    fix: { type: 'boolean', default: false, help: 'apply safe mechanical fixes (stamp formats) in place, atomically' },
    'check-links': {
      type: 'boolean',
      default: false,
      help: 'also ask every source URL once (HEAD, then GET; the HTTP client of `verify`, see\ndocs/VERIFY.md; answers cached a week in .cache/kb-lint/http/) and report dead ones',
    },
    'no-cache': { type: 'boolean', default: false, help: 'neither read nor write the cache (default: .cache/kb-lint/ under the root)' },
    verbose: { type: 'boolean', default: false, help: "text format: show each rule's docs URL and notes" },
    'list-rules': { type: 'boolean', default: false, help: 'print the rules with their default severity and exit' },
    version: { type: 'boolean', short: 'v', default: false, help: 'print the version' },
  },
  exits: '0 no errors (warnings allowed), 1 errors found, 2 usage or internal error.',
  epilogue: `Rules:
${RULES.map((r) => `  ${r.id.padEnd(RULE_ID_WIDTH)} ${r.severity.padEnd(8)} ${r.description}`).join('\n')}`,
  async run(io, { values, positionals, root }) {
    if (values.version) return io.stdout(`${VERSION}\n`), 0;
    if (values['list-rules']) return io.stdout(RULES.map((r) => `${r.id}\t${r.severity}\t${r.description}`).join('\n') + '\n'), 0;
    const report = await lintReport({
      root,
      cwd: io.cwd,
      paths: positionals.length ? positionals : undefined,
      today: monthOption(values.today),
      maxAge: values['max-age'] === undefined ? undefined : wholeNumber('--max-age', values['max-age'], 1),
      rules: ruleSettings(values.rule),
      cache: !values['no-cache'],
      changed: values.changed,
      fix: values.fix,
      checkLinks: values['check-links'],
    });
    if (report.fixed.length) io.stderr(`Fixed ${report.fixed.length} file(s): ${report.fixed.join(', ')}\n`);
    const { findings } = report;
    switch (values.format) {
      case 'json':
        io.stdout((await import('../formatters/json.ts')).formatJson(findings));
        break;
      case 'github': {
        const { formatGithub, formatGithubSummary } = await import('../formatters/github.ts');
        io.stdout(formatGithub(findings));
        const summary = io.env?.GITHUB_STEP_SUMMARY;
        if (summary) await appendFile(summary, formatGithubSummary(findings));
        break;
      }
      case 'sarif':
        io.stdout((await import('../formatters/sarif.ts')).formatSarif(findings, RULES, VERSION));
        break;
      default: {
        const text = (await import('../formatters/text.ts')).formatText(findings, { verbose: values.verbose, color: false });
        io.stderr(`${text}${text ? '\n' : ''}${report.checked} file(s) checked\n`);
      }
    }
    return findings.some((f) => f.severity === 'error') ? 1 : 0;
  },
});
