/**
 * The command line, as a pure `main` (no process globals): parse arguments, run, format, return the exit
 * code. 0 = no errors (warnings allowed), 1 = errors found, 2 = usage or internal error.
 */
import { join, resolve } from 'node:path';
import type { Finding } from './engine/analyse.ts';
import type { SeveritySetting } from './engine/types.ts';
import { cacheFile, contentHash } from './engine/keys.ts';
import { readAllFrom } from './engine/read.ts';
import { recalled, remember, type RunInput } from './engine/run-record.ts';
import type { Spawned } from './engine/pool.ts';
import { currentMonth, VERIFIED_PATTERN } from './schema/month.ts';
import { changedFiles, corpusFiles, expandOperands, UsageError, addedFiles } from './files.ts';
// Builtins on the path of a re-run come from process.getBuiltinModule: an ESM import of node:fs or node:util
// evaluates every lazy export to build its namespace (fs streams; util's diff, which opens stderr), ~10 ms.
const { parseArgs } = process.getBuiltinModule('node:util');
const { existsSync } = process.getBuiltinModule('node:fs');
const { appendFile, stat } = process.getBuiltinModule('node:fs/promises');

// Everything heavier (the parser, the schemas, the rules, the formatters, the subcommands) is imported where
// it is used: a re-run that the run record answers (engine/run-record.ts) never loads it.

export interface Io {
  argv: readonly string[];
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env?: Record<string, string | undefined>;
}

export const VERSION = '0.1.0';

/** The usage text; it lists the rules, so it loads them. */
export async function help(): Promise<string> {
  const { RULES } = await import('./rules/index.ts');
  return `Usage: kb-lint [paths|globs...] [options]
       kb-lint stale [--format md|json] [--max-age N] [--today YYYY-MM]   (report every verified stamp)
       kb-lint export skill [--out DIR] | export schemas [--check]         (agent skill bundle, JSON Schemas)
       kb-lint diagnose <file|-> [--format text|json]                    (which gotchas explain a log)
       kb-lint new gotcha --catalog <c> --title "…" | new profile <id>    (scaffold a file)

Checks the field guide's content (content/**/*.md) and script templates (scripts/*.sh*) against the
content model and the project's rules. With no paths, lints the whole corpus. Cross-references always
resolve against the whole corpus, whatever subset is reported.

Options:
  --format <f>        text (default, to stderr) | json | github | sarif (to stdout)
  --changed <ref>     report only files that differ from a git ref (e.g. origin/main)
  --max-age <months>  a verified stamp older than this warns, older than twice this errors (default 6)
  --today <YYYY-MM>   the month ages are measured against (default: this month, UTC)
  --rule <id=level>   set a rule to off, warn or error; repeatable
  --fix               apply safe mechanical fixes (stamp formats) in place, atomically
  --check-links       also fetch every source URL once (HEAD, then GET; 10 s timeout; 2 retries; results
                      cached a week in .cache/kb-lint/links.json) and report dead ones
  --root <dir>        project root (default: the current directory)
  --jobs <n>          worker threads parsing beside the main one; 0 = main only (default: cores - 1 from 3 MiB to parse)
  --no-cache          neither read nor write the cache (default: .cache/kb-lint/ under the root)
  --verbose           text format: show each rule's docs URL and notes
  --list-rules        print the rules with their default severity and exit
  -h, --help          show this help
  -v, --version       print the version

Exit codes: 0 no errors (warnings allowed), 1 errors found, 2 usage or internal error.
A path that does not exist or cannot be read is a usage error; an existing folder with no content files in
it checks 0 files and exits 0, as does --changed when nothing changed.

Rules:
${RULES.map((r) => `  ${r.id.padEnd(20)} ${r.severity.padEnd(8)} ${r.description}`).join('\n')}
`;
}

async function parseRuleSettings(values: readonly string[]): Promise<Map<string, SeveritySetting>> {
  const out = new Map<string, SeveritySetting>();
  if (!values.length) return out;
  const { ruleById } = await import('./rules/index.ts');
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

/** Stop threads started before the run knew it needed them; pool.ts is loaded whenever there are any. */
async function stopEarly(spawned: readonly Spawned[]) {
  if (spawned.length) await (await import('./engine/pool.ts')).stopWorkers(spawned);
}

export async function main(io: Io): Promise<number> {
  // Subcommands own their arguments; everything else is the linter.
  if (io.argv[0] === 'stale') return (await import('./stale/command.ts')).staleMain(io, [...io.argv.slice(1)]);
  if (io.argv[0] === 'new') return (await import('./scaffold/command.ts')).newMain(io, [...io.argv.slice(1)]);
  if (io.argv[0] === 'diagnose') return (await import('./diagnose/command.ts')).diagnoseMain(io, [...io.argv.slice(1)]);
  if (io.argv[0] === 'export') return (await import('./export/command.ts')).exportMain(io, [...io.argv.slice(1)]);
  // Threads started before the run knows it needs them; stopped on every way out that does not hand them to a pool.
  let early: Spawned[] = [];
  try {
    const { values, positionals } = parseArgs({
      args: [...io.argv],
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', default: 'text' },
        changed: { type: 'string' },
        'max-age': { type: 'string', default: '6' },
        today: { type: 'string' },
        rule: { type: 'string', multiple: true, default: [] },
        fix: { type: 'boolean', default: false },
        'check-links': { type: 'boolean', default: false },
        root: { type: 'string' },
        jobs: { type: 'string' },
        'no-cache': { type: 'boolean', default: false },
        verbose: { type: 'boolean', default: false },
        'list-rules': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    });
    if (values.help) return io.stdout(await help()), 0;
    if (values.version) return io.stdout(`${VERSION}\n`), 0;
    if (values['list-rules']) {
      const { RULES } = await import('./rules/index.ts');
      return io.stdout(RULES.map((r) => `${r.id}\t${r.severity}\t${r.description}`).join('\n') + '\n'), 0;
    }

    const format = values.format;
    if (!['text', 'json', 'github', 'sarif'].includes(format)) throw new UsageError(`Unknown --format \`${format}\`, expected text, json, github or sarif`);
    const maxAge = Number(values['max-age']);
    if (!Number.isInteger(maxAge) || maxAge < 1) throw new UsageError(`Unexpected --max-age \`${values['max-age']}\`, expected a whole number of months ≥ 1`);
    const today = values.today ?? currentMonth();
    if (!VERIFIED_PATTERN.test(today)) throw new UsageError(`Unexpected --today \`${today}\`, expected YYYY-MM`);
    const severities = await parseRuleSettings(values.rule);
    const workers = values.jobs === undefined ? undefined : Number(values.jobs);
    if (workers !== undefined && (!Number.isInteger(workers) || workers < 0 || workers > 64)) throw new UsageError(`Unexpected --jobs \`${values.jobs}\`, expected a whole number from 0 to 64`);
    const root = values.root ? resolve(io.cwd, values.root) : io.cwd;
    await checkRoot(root, values.root);
    const cacheDir = values['no-cache'] ? undefined : join(root, '.cache', 'kb-lint');

    const config = { maxAge, today, severities: [...severities] };

    const corpus = await corpusFiles(root);
    let targets: string[] | undefined = positionals.length ? await expandOperands(positionals, io.cwd, root) : undefined;
    let added: Set<string> | undefined;
    if (values.changed) {
      const changed = new Set(await changedFiles(values.changed, root));
      targets = (targets ?? corpus).filter((p) => changed.has(p));
      // Gotchas the change adds must carry facts checked now (issue forms and `new` stamp today's month).
      if (severities.get('verified-stamp') !== 'off') added = new Set(await addedFiles(values.changed, root));
    }
    // Explicitly named files outside the corpus globs are still linted (and join the index).
    const all = [...new Set([...corpus, ...(targets ?? [])])].sort();
    const contents = readAllFrom(root, all);
    // With no cache for this configuration everything will be parsed: threads start loading the engine now,
    // while this one hashes, asks the record and loads the engine itself. Otherwise they wait until the cache
    // says what is left. The pool, the cache and the planner are imported only by runs that parse: a re-run
    // the record answers would pay for them, node:v8 included, and for starting and stopping threads.
    const cold = cacheDir === undefined || !existsSync(cacheFile(cacheDir, config));
    if (cold) {
      const { spawnWorkers, threadsFor } = await import('./engine/pool.ts');
      early = spawnWorkers(threadsFor(all.length, contents.reduce((n, c) => n + c.bytes.length, 0), workers));
    }
    const hashes = contents.map((c) => (c.error === undefined ? contentHash(c.bytes) : undefined));
    const record: RunInput = { config, paths: all, hashes, errors: contents.map((c) => c.error), targets, extra: added ? [...added].sort() : [] };
    // --fix writes files and --check-links asks the network: neither is answered from a record.
    const recordable = cacheDir !== undefined && !values.fix && !values['check-links'];

    let findings = recordable ? await recalled(cacheDir, record) : undefined;
    if (findings) void stopEarly(early);
    if (!findings) {
      const [{ LintCache }, { planWork }, { ParsePool, spawnWorkers, stopWorkers, threadsFor }] = await Promise.all([import('./engine/cache.ts'), import('./engine/plan.ts'), import('./engine/pool.ts')]);
      // Know what must be parsed, and start the threads on it, before loading the engine here: they load it on
      // the other core meanwhile and begin on their first batches as soon as they have (engine/pool.ts).
      const cache = cacheDir ? await LintCache.open(cacheDir, config) : undefined;
      const plan = planWork(all, contents, hashes, cache);
      const threads = threadsFor(plan.jobs.length, plan.bytes, workers);
      void stopWorkers(early.slice(threads));
      early = [...early.slice(0, threads), ...spawnWorkers(Math.max(0, threads - early.length))];
      const pool = threads > 0 ? new ParsePool(plan.jobs, config, early) : undefined;
      const { lint, compareFindings } = await import('./engine/run.ts').catch(async (error) => {
        await pool?.close();
        throw error;
      });
      // `workers` too: with no pool (`--jobs 0`, or too little to parse) the engine must not start one of its own.
      let result = await lint({ root, corpus: all, contents, hashes, targets, maxAge, today, severities, workers, cacheDir, cache, plan, pool });
      if (values.fix) {
        const { fixFiles } = await import('./fix.ts');
        const changed = await fixFiles(root, result.findings);
        if (changed.length) {
          io.stderr(`Fixed ${changed.length} file(s): ${changed.join(', ')}\n`);
          result = await lint({ root, corpus: all, targets, maxAge, today, severities, workers, cacheDir });
        }
      }
      findings = result.findings;
      const reportedSet = new Set(targets ?? all);
      if (added) {
        const { newGotchaFindings } = await import('./new-files/fresh.ts');
        findings = [...findings, ...newGotchaFindings(result.files.filter((f) => reportedSet.has(f.path)), added, today)].sort(compareFindings);
      }
      if (recordable) await remember(cacheDir, record, findings);
      if (values['check-links'] && severities.get('source-url') !== 'off') {
        const { deadLinkFindings } = await import('./check-links/findings.ts');
        const dead = await deadLinkFindings(result.files.filter((f) => reportedSet.has(f.path)), { cacheFile: join(root, '.cache/kb-lint/links.json') });
        const soft = severities.get('source-url') === 'warning';
        findings = [...findings, ...dead.map((f) => (soft ? { ...f, severity: 'warning' as const } : f))].sort(compareFindings);
      }
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
        const [{ formatSarif }, { RULES }] = await Promise.all([import('./formatters/sarif.ts'), import('./rules/index.ts')]);
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
    void stopEarly(early);
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`kb-lint: ${(error as Error).message}\nRun \`kb-lint --help\` for usage.\n`);
      return 2;
    }
    io.stderr(`kb-lint: internal error: ${(error as Error).stack ?? String(error)}\n`);
    return 2;
  }
}
