/**
 * The command line, as a pure `main` (no process globals): parse arguments, run, format, return the exit
 * code. 0 = no errors (warnings allowed), 1 = errors found, 2 = usage or internal error.
 */
import { appendFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { SeveritySetting } from './engine/types.ts';
import { compareFindings, lint, type Finding } from './engine/run.ts';
import { RULES, ruleById } from './rules/index.ts';
import { currentMonth, VERIFIED_PATTERN } from './schema/month.ts';
import { changedFiles, corpusFiles, expandOperands, addedFiles } from './files.ts';
import { classify } from './engine/classify.ts';
import { originalPath } from './rules/translation/index.ts';
import { loadConfig, resolveConfig } from './config.ts';
import { UsageError, VERSION, type Command, type Io } from './io.ts';

export { VERSION, type Io } from './io.ts';

/** Subcommands own their arguments; each is loaded only when asked for. One line each. */
const SUBCOMMANDS: Record<string, () => Promise<Command>> = {
  stale: async () => (await import('./stale/command.ts')).staleMain,
  verify: async () => (await import('./verify/command.ts')).verifyMain,
  new: async () => (await import('./scaffold/command.ts')).newMain,
  export: async () => (await import('./export/command.ts')).exportMain,
  diagnose: async () => (await import('./diagnose/command.ts')).diagnoseMain,
};


/** The usage text, with the list of rules. */
export function help(): string {
  return `Usage: kb-lint [paths|globs...] [options]
       kb-lint stale [--format md|json] [--max-age N] [--today YYYY-MM]   (report every verified stamp)
       kb-lint verify [paths...] [--fix] [--format text|json|md]          (re-check quoted sources online)
       kb-lint export skill|gotchas [--locale zh-cn] | export schemas     (skill bundle, gotchas.json, JSON Schemas)
       kb-lint diagnose <file|-> [--format text|json]                    (which gotchas explain a log)
       kb-lint mcp [--root DIR] [--site-url URL]                         (the guide as an MCP server on stdio)
       kb-lint new gotcha --catalog <c> --title "…" | new profile <id>    (scaffold a file)

Checks the field guide's content (content/**/*.md) and script templates (scripts/*.sh*) against the
content model and the project's rules. With no paths, lints the whole corpus. Cross-references always
resolve against the whole corpus, whatever subset is reported.

Options:
  --format <f>        text (default, to stderr) | json | github | sarif (to stdout)
  --changed <ref>     report only files that differ from a git ref (e.g. origin/main), and the
                      translations of changed English pages
  --max-age <months>  a verified stamp older than this warns, older than twice this errors (default: the
                      config file's maxAge, else 6)
  --today <YYYY-MM>   the month ages are measured against (default: this month, UTC)
  --rule <id=level>   set a rule to off, warn or error; repeatable; wins over the config file
  --fix               apply safe mechanical fixes (stamp formats) in place, atomically
  --check-links       also ask every source URL once (HEAD, then GET; the HTTP client of \`verify\`, see
                      docs/VERIFY.md; answers cached a week in .cache/kb-lint/http/) and report dead ones
  --root <dir>        project root (default: the current directory)
  --no-cache          neither read nor write the cache (default: .cache/kb-lint/ under the root)
  --verbose           text format: show each rule's docs URL and notes
  --list-rules        print the rules with their default severity and exit
  -h, --help          show this help
  -v, --version       print the version

Configuration: kb-lint.config.json at the root (rules, maxAge, ignores, overrides) and inline comments
<!-- kb-lint disable-next-line|disable|enable|disable-file rule-id -->; see docs/CONFIG.md.

Exit codes: 0 no errors (warnings allowed), 1 errors found, 2 usage or internal error.
A path that does not exist or cannot be read is a usage error; an existing folder with no content files in
it checks 0 files and exits 0, as does --changed when nothing changed.

Rules:
${RULES.map((r) => `  ${r.id.padEnd(20)} ${r.severity.padEnd(8)} ${r.description}`).join('\n')}
`;
}

function parseRuleSettings(values: readonly string[]): Map<string, SeveritySetting> {
  const out = new Map<string, SeveritySetting>();
  for (const value of values) {
    const m = /^([a-z0-9-]+)=(off|warn|warning|error)$/.exec(value);
    if (!m) throw new UsageError(`Unexpected --rule \`${value}\`, expected \`<rule-id>=off|warn|error\``);
    if (!ruleById.has(m[1])) throw new UsageError(`Unknown rule \`${m[1]}\` in --rule; \`--list-rules\` lists them`);
    out.set(m[1], m[2] === 'warn' ? 'warning' : (m[2] as SeveritySetting));
  }
  return out;
}

/** A `--root` that is not a folder would otherwise lint nothing and pass. */
async function checkRoot(root: string, given: string | undefined) {
  const info = await stat(root).catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(error.code === 'ELOOP' ? `Cannot read --root \`${given ?? root}\`: symbolic link loop` : `No such folder for --root: \`${given ?? root}\``);
  });
  if (!info.isDirectory()) throw new UsageError(`Not a folder for --root: \`${given ?? root}\``);
}

export async function main(io: Io): Promise<number> {
  const sub = Object.hasOwn(SUBCOMMANDS, io.argv[0] ?? '') ? SUBCOMMANDS[io.argv[0]] : undefined;
  if (sub) return (await sub())(io, [...io.argv.slice(1)]);
  try {
    const { values, positionals } = parseArgs({
      args: [...io.argv],
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', default: 'text' },
        changed: { type: 'string' },
        'max-age': { type: 'string' },
        today: { type: 'string' },
        rule: { type: 'string', multiple: true, default: [] },
        fix: { type: 'boolean', default: false },
        'check-links': { type: 'boolean', default: false },
        root: { type: 'string' },
        'no-cache': { type: 'boolean', default: false },
        verbose: { type: 'boolean', default: false },
        'list-rules': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    });
    if (values.help) return io.stdout(help()), 0;
    if (values.version) return io.stdout(`${VERSION}\n`), 0;
    if (values['list-rules']) {
      return io.stdout(RULES.map((r) => `${r.id}\t${r.severity}\t${r.description}`).join('\n') + '\n'), 0;
    }

    const format = values.format;
    if (!['text', 'json', 'github', 'sarif'].includes(format)) throw new UsageError(`Unknown --format \`${format}\`, expected text, json, github or sarif`);
    const today = values.today ?? currentMonth();
    if (!VERIFIED_PATTERN.test(today)) throw new UsageError(`Unexpected --today \`${today}\`, expected YYYY-MM`);
    const cliRules = parseRuleSettings(values.rule);
    const root = values.root ? resolve(io.cwd, values.root) : io.cwd;
    await checkRoot(root, values.root);
    const config = resolveConfig(await loadConfig(root), cliRules);
    const severities = config.severities;
    const maxAge = values['max-age'] === undefined ? (config.maxAge ?? 6) : Number(values['max-age']);
    if (!Number.isInteger(maxAge) || maxAge < 1) throw new UsageError(`Unexpected --max-age \`${values['max-age']}\`, expected a whole number of months ≥ 1`);
    const cacheDir = values['no-cache'] ? undefined : join(root, '.cache', 'kb-lint');

    const corpus = await corpusFiles(root);
    let targets: string[] | undefined = positionals.length ? await expandOperands(positionals, io.cwd, root) : undefined;
    let added: Set<string> | undefined;
    if (values.changed) {
      const changed = new Set(await changedFiles(values.changed, root));
      // A change to an English page puts its translations behind: they are reported with the change (the
      // `translation` rule's warning), so the pull request that changed the original says so.
      const touched = (p: string) => {
        const { kind, slug } = classify(p);
        return changed.has(p) || (kind === 'translation' && changed.has(originalPath(slug)));
      };
      targets = (targets ?? corpus).filter(touched);
      // Gotchas the change adds must carry facts checked now (issue forms and `new` stamp today's month).
      if (severities.get('verified-stamp') !== 'off') added = new Set(await addedFiles(values.changed, root));
    }
    // Explicitly named files outside the corpus globs are still linted (and join the index).
    const all = [...new Set([...corpus, ...(targets ?? [])])].sort();
    const options = { root, corpus: all, targets, maxAge, today, severities, cacheDir };
    let result = await lint(options);
    if (values.fix) {
      const { fixFiles } = await import('./fix.ts');
      const changed = await fixFiles(root, config.perFile(result.findings));
      if (changed.length) {
        io.stderr(`Fixed ${changed.length} file(s): ${changed.join(', ')}\n`);
        result = await lint(options);
      }
    }
    let findings: Finding[] = config.perFile(result.findings);
    const reportedSet = new Set(targets ?? all);
    if (added) {
      const { newGotchaFindings } = await import('./new-files/fresh.ts');
      findings = [...findings, ...config.perFile(newGotchaFindings(result.files.filter((f) => reportedSet.has(f.path)), added, today, severities.get('verified-stamp')))].sort(compareFindings);
    }
    if (values['check-links'] && severities.get('source-url') !== 'off') {
      const [{ deadLinkFindings }, { httpCacheDir }] = await Promise.all([import('./check-links/findings.ts'), import('./http/client.ts')]);
      const dead = await deadLinkFindings(result.files.filter((f) => reportedSet.has(f.path)), { cacheDir: cacheDir && httpCacheDir(root) });
      const soft = severities.get('source-url') === 'warning';
      findings = [...findings, ...config.perFile(dead.map((f) => (soft ? { ...f, severity: 'warning' as const } : f)))].sort(compareFindings);
    }

    const reported = targets ?? all;
    switch (format) {
      case 'json':
        io.stdout((await import('./formatters/json.ts')).formatJson(findings));
        break;
      case 'github': {
        const { formatGithub, formatGithubSummary } = await import('./formatters/github.ts');
        io.stdout(formatGithub(findings));
        const summary = io.env?.GITHUB_STEP_SUMMARY;
        if (summary) await appendFile(summary, formatGithubSummary(findings));
        break;
      }
      case 'sarif': {
        const { formatSarif } = await import('./formatters/sarif.ts');
        io.stdout(formatSarif(findings, RULES, VERSION));
        break;
      }
      default: {
        const text = (await import('./formatters/text.ts')).formatText(findings, { verbose: values.verbose, color: false });
        io.stderr(`${text}${text ? '\n' : ''}${reported.length} file(s) checked\n`);
      }
    }
    return findings.some((f) => f.severity === 'error') ? 1 : 0;
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`kb-lint: ${(error as Error).message}\nRun \`kb-lint --help\` for usage.\n`);
      return 2;
    }
    io.stderr(`kb-lint: internal error: ${(error as Error).stack ?? String(error)}\n`);
    return 2;
  }
}
