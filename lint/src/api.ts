/**
 * kb-lint for other scripts, and the one lint pipeline the `kb-lint` command itself runs: `lint(options)`
 * checks the corpus the way `kb-lint` does (the project's kb-lint.config.json and inline comments included)
 * and resolves to the findings, sorted, as plain objects.
 *
 *   import { lint } from './lint/src/api.ts';
 *   const findings = await lint({ root: '.', paths: ['content/gotchas/universal'] });
 *   if (findings.some((f) => f.severity === 'error')) process.exitCode = 1;
 *
 * Nothing is printed and nothing is written, except the cache when `cache: true` and the files `fix: true`
 * rewrites. A path that does not exist or a broken config file rejects with a `UsageError` (lint/src/io.ts)
 * whose message says what is wrong. `lintReport` resolves to what the command line prints besides.
 */
import { join, resolve } from 'node:path';
import { loadConfig, resolveConfig } from './config.ts';
import { classify } from './engine/classify.ts';
import { compareFindings, lint as run, type Finding } from './engine/run.ts';
import type { SeveritySetting } from './engine/types.ts';
import { addedFiles, changedFiles, corpusFiles, expandOperands } from './files.ts';
import { UsageError } from './io.ts';
import { ruleById } from './rules/index.ts';
import { originalPath } from './rules/translation/index.ts';
import { currentMonth } from './schema/month.ts';

export type { Finding } from './engine/run.ts';
export { UsageError } from './io.ts';

export interface LintOptions {
  /** Project root; default the current directory. */
  root?: string;
  /** Files, folders or globs to report on, relative to `cwd`; default the whole corpus. */
  paths?: readonly string[];
  /** What `paths` are relative to; default `root`. */
  cwd?: string;
  /** The month ages are measured against, `YYYY-MM`; default this month (UTC). */
  today?: string;
  /** Months after which a stamp warns; default the config file's `maxAge`, else 6. */
  maxAge?: number;
  /** Severity per rule id; wins over the config file, as `--rule` does. */
  rules?: Record<string, 'off' | 'warn' | 'warning' | 'error'>;
  /** Read and write `.cache/kb-lint/` under the root; default false. */
  cache?: boolean;
  /** Read the root's kb-lint.config.json; default true. */
  config?: boolean;
  /** Report only files that differ from this git ref, and the translations of changed English pages. */
  changed?: string;
  /** Apply the safe mechanical fixes in place, then lint again; default false. */
  fix?: boolean;
  /** Fetch every source URL once and report dead ones; default false. */
  checkLinks?: boolean;
}

export interface LintReport {
  findings: Finding[];
  /** How many files the findings speak for (the targets, or the whole corpus). */
  checked: number;
  /** Root-relative paths `fix` rewrote. */
  fixed: string[];
}

export async function lint(options: LintOptions = {}): Promise<Finding[]> {
  return (await lintReport(options)).findings;
}

export async function lintReport(options: LintOptions = {}): Promise<LintReport> {
  const root = resolve(options.root ?? process.cwd());
  const rules = new Map<string, SeveritySetting>();
  for (const [id, level] of Object.entries(options.rules ?? {})) {
    if (!ruleById.has(id)) throw new UsageError(`Unknown rule \`${id}\`; \`kb-lint --list-rules\` lists them`);
    rules.set(id, level === 'warn' ? 'warning' : level);
  }
  const config = resolveConfig(options.config === false ? {} : await loadConfig(root), rules);
  const severities = config.severities;
  const maxAge = options.maxAge ?? config.maxAge ?? 6;
  const today = options.today ?? currentMonth();
  const corpus = await corpusFiles(root);
  let targets = options.paths ? await expandOperands(options.paths, options.cwd ?? root, root) : undefined;
  let added: Set<string> | undefined;
  if (options.changed) {
    const changed = new Set(await changedFiles(options.changed, root));
    // A change to an English page puts its translations behind: they are reported with the change (the
    // `translation` rule's warning), so the pull request that changed the original says so.
    const touched = (p: string) => {
      const { kind, slug } = classify(p);
      return changed.has(p) || (kind === 'translation' && changed.has(originalPath(slug)));
    };
    targets = (targets ?? corpus).filter(touched);
    // Gotchas the change adds must carry facts checked now (issue forms and `new` stamp today's month).
    if (severities.get('verified-stamp') !== 'off') added = new Set(await addedFiles(options.changed, root));
  }
  // Explicitly named files outside the corpus globs are still linted (and join the index).
  const all = [...new Set([...corpus, ...(targets ?? [])])].sort();
  const runOptions = { root, corpus: all, targets, maxAge, today, severities, cacheDir: options.cache ? join(root, '.cache', 'kb-lint') : undefined };
  let result = await run(runOptions);
  let fixed: string[] = [];
  if (options.fix) {
    const { fixFiles } = await import('./fix.ts');
    fixed = await fixFiles(root, config.perFile(result.findings));
    if (fixed.length) result = await run(runOptions);
  }
  let findings = config.perFile(result.findings);
  const reportedPaths = targets ?? all;
  const reported = new Set(reportedPaths);
  const reportedFiles = () => result.files.filter((f) => reported.has(f.path));
  if (added) {
    const { newGotchaFindings } = await import('./changed/fresh.ts');
    findings = [...findings, ...config.perFile(newGotchaFindings(reportedFiles(), added, today, severities.get('verified-stamp')))].sort(compareFindings);
  }
  if (options.checkLinks && severities.get('source-url') !== 'off') {
    const [{ deadLinkFindings }, { httpCacheDir }] = await Promise.all([import('./check-links/findings.ts'), import('./http/client.ts')]);
    const dead = await deadLinkFindings(reportedFiles(), { cacheDir: options.cache ? httpCacheDir(root) : undefined });
    const soft = severities.get('source-url') === 'warning';
    findings = [...findings, ...config.perFile(dead.map((f) => (soft ? { ...f, severity: 'warning' as const } : f)))].sort(compareFindings);
  }
  return { findings, checked: reportedPaths.length, fixed };
}
