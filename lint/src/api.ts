/**
 * kb-lint for other scripts: `lint(options)` checks the corpus the way `kb-lint` does (the project's
 * kb-lint.config.json and inline comments included) and resolves to the findings, sorted, as plain objects.
 *
 *   import { lint } from './lint/src/api.ts';
 *   const findings = await lint({ root: '.', paths: ['content/gotchas/universal'] });
 *   if (findings.some((f) => f.severity === 'error')) process.exitCode = 1;
 *
 * Nothing is printed and nothing is written, except the cache when `cache: true`. A path that does not exist
 * or a broken config file rejects with a `UsageError` (lint/src/io.ts) whose message says what is wrong.
 */
import { join, resolve } from 'node:path';
import { loadConfig, resolveConfig } from './config.ts';
import { lint as run, type Finding } from './engine/run.ts';
import type { SeveritySetting } from './engine/types.ts';
import { corpusFiles, expandOperands } from './files.ts';
import { UsageError } from './io.ts';
import { ruleById } from './rules/index.ts';
import { currentMonth } from './schema/month.ts';

export type { Finding } from './engine/run.ts';
export { UsageError } from './io.ts';

export interface LintOptions {
  /** Project root; default the current directory. */
  root?: string;
  /** Files, folders or globs to report on, relative to `root`; default the whole corpus. */
  paths?: readonly string[];
  /** The month ages are measured against, `YYYY-MM`; default this month (UTC). */
  today?: string;
  /** Months after which a stamp warns; default the config file's `maxAge`, else 6. */
  maxAge?: number;
  /** Severity per rule id; wins over the config file, as `--rule` does. */
  rules?: Record<string, 'off' | 'warn' | 'error'>;
  /** Read and write `.cache/kb-lint/` under the root; default false. */
  cache?: boolean;
  /** Read the root's kb-lint.config.json; default true. */
  config?: boolean;
}

export async function lint(options: LintOptions = {}): Promise<Finding[]> {
  const root = resolve(options.root ?? process.cwd());
  const rules = new Map<string, SeveritySetting>();
  for (const [id, level] of Object.entries(options.rules ?? {})) {
    if (!ruleById.has(id)) throw new UsageError(`Unknown rule \`${id}\` in \`rules\``);
    rules.set(id, level === 'warn' ? 'warning' : level);
  }
  const config = resolveConfig(options.config === false ? {} : await loadConfig(root), rules);
  const corpus = await corpusFiles(root);
  const targets = options.paths ? await expandOperands(options.paths, root, root) : undefined;
  const result = await run({
    root,
    corpus: [...new Set([...corpus, ...(targets ?? [])])].sort(),
    targets,
    maxAge: options.maxAge ?? config.maxAge ?? 6,
    today: options.today ?? currentMonth(),
    severities: config.severities,
    cacheDir: options.cache ? join(root, '.cache', 'kb-lint') : undefined,
  });
  return config.perFile(result.findings);
}
