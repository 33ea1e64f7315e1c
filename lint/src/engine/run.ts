/**
 * The lint run. Every corpus file is read once and parsed once; its tree lives only while the rules that
 * need it run (engine/analyse.ts), on worker threads when there is enough work for them. What survives is a
 * small summary per file; the index is built from the summaries, then the rules that consult the index run
 * on them, then the project rules. A cache on disk (engine/cache.ts) keeps summaries and findings by content
 * hash, so an unchanged file is not parsed again. The result never depends on threads or cache: the tests
 * compare it with `lintParsed`, the plain all-in-memory run.
 */
import { serialize } from 'node:v8';
import { RULES } from '../rules/index.ts';
import type { Rule, RuleOptions } from '../rules/define.ts';
import { activeRules, analyse, lightFile, toFinding, type Analysis, type Finding, type RunConfig } from './analyse.ts';
import { cacheEntry, LintCache, revived, type CacheEntry } from './cache.ts';
import { contentHash } from './keys.ts';
import { buildIndex, indexFingerprint, type CorpusIndex } from './corpus-index.ts';
import { fileFromRead } from './load.ts';
import { readAll, readAllFrom, type ReadResult } from './read.ts';
import { ParsePool, threadsFor, type Job } from './pool.ts';
import { planWork, type WorkPlan } from './plan.ts';
import type { LintFile, Report, SeveritySetting } from './types.ts';

export type { Finding } from './analyse.ts';

export interface LintOptions extends RuleOptions {
  root: string;
  /** Every corpus file, root-relative: the index is built from all of them. */
  corpus: readonly string[];
  /** Files to report on (root-relative); all of the corpus when omitted. */
  targets?: readonly string[];
  /** Per-rule severity overrides. */
  severities?: ReadonlyMap<string, SeveritySetting>;
  /** The corpus already read, in the order of `corpus`, so a caller that hashed it does not read it twice. */
  contents?: readonly ReadResult[];
  /** Content hashes of `contents` (undefined where unreadable), when the caller has them already. */
  hashes?: readonly (string | undefined)[];
  /** Bytes of a file, for tests and caches; read from disk when absent. */
  read?: (path: string) => Promise<Uint8Array>;
  /** Worker threads for parsing: 0 parses on this thread; omitted, decided by the amount of work. */
  workers?: number;
  /** Folder of the on-disk cache; no cache when omitted. */
  cacheDir?: string;
  /** The cache for this run's configuration, when the caller opened it already (it must match `cacheDir`). */
  cache?: LintCache;
  /** What to parse, when the caller worked it out already (engine/plan.ts), from this run's cache and contents. */
  plan?: WorkPlan;
  /** Threads the caller started on `plan`'s jobs with this run's configuration (engine/pool.ts); used instead of `workers`. */
  pool?: ParsePool;
}

export interface LintResult {
  findings: Finding[];
  /** Every file as the index saw it. From `lint` these carry no tree (it was dropped after parsing). */
  files: LintFile[];
  index: CorpusIndex;
  /** How the run went: files parsed now, files taken from the cache, threads used. */
  stats?: { parsed: number; cached: number; workers: number };
}

/** Stable order: file, line, column, rule, message, then the rest, so equal inputs give equal outputs. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    a.file.localeCompare(b.file) ||
    (a.line ?? 0) - (b.line ?? 0) ||
    (a.column ?? 0) - (b.column ?? 0) ||
    a.ruleId.localeCompare(b.ruleId) ||
    a.message.localeCompare(b.message) ||
    (a.endLine ?? 0) - (b.endLine ?? 0) ||
    (a.endColumn ?? 0) - (b.endColumn ?? 0) ||
    a.severity.localeCompare(b.severity) ||
    (a.note ?? '').localeCompare(b.note ?? '') ||
    (a.fix?.range[0] ?? -1) - (b.fix?.range[0] ?? -1)
  );
}

export async function parseFiles(root: string, paths: readonly string[], read?: LintOptions['read']): Promise<LintFile[]> {
  const contents = read ? await readAll(paths, read) : readAllFrom(root, paths);
  return paths.map((p, i) => fileFromRead(p, contents[i]));
}

export async function lint(options: LintOptions): Promise<LintResult> {
  const config: RunConfig = { maxAge: options.maxAge, today: options.today, severities: [...(options.severities ?? [])] };
  const paths = [...options.corpus];
  const contents = options.contents ?? (options.read ? await readAll(paths, options.read) : readAllFrom(options.root, paths));
  const hashes = options.hashes ?? contents.map((c) => (c.error === undefined ? contentHash(c.bytes) : undefined));
  const cache = options.cache ?? (options.cacheDir ? await LintCache.open(options.cacheDir, config) : undefined);

  // Per file: from the cache when its bytes are unchanged, otherwise analysed now.
  const plan = options.plan ?? planWork(paths, contents, hashes, cache);
  const { jobs, jobIndex } = plan;
  const threads = threadsFor(jobs.length, plan.bytes, options.workers === undefined ? undefined : Math.max(0, Math.floor(options.workers)));
  const pool = options.pool ?? (threads > 0 ? new ParsePool(jobs, config, threads) : undefined);
  // With a cache to write, this thread's analyses take the workers' path: serialized (which gives the summaries
  // strings of their own), the bytes kept for the cache, revived once the pool's threads are gone.
  const here = cache ? (job: Job) => serialize(analyse(job.path, job.bytes, config, job.readError, true)) : (job: Job) => analyse(job.path, job.bytes, config, job.readError);
  const results = pool ? await pool.finish(here) : jobs.map((job) => revived(here(job)));
  const workers = pool?.workers.length ?? 0;
  results.forEach((result, k) => (plan.analyses[jobIndex[k]] = result));
  const analyses = plan.analyses as (CacheEntry | Analysis)[];

  const files = analyses.map((a, i) => lightFile(a.summary, contents[i].bytes));
  const index = buildIndex(files);
  const fingerprint = indexFingerprint(index);
  const active = activeRules(config);
  const ctxFor = (rule: Rule, setting: SeveritySetting, sink: Finding[]) => ({
    index,
    options: { maxAge: config.maxAge, today: config.today },
    report: (file: LintFile, report: Report) => void sink.push(toFinding(rule, setting, file, report)),
  });

  const findings: Finding[] = [];
  const entries = new Map<string, CacheEntry>();
  analyses.forEach((analysis, i) => {
    findings.push(...analysis.findings);
    let indexed = 'hash' in analysis && analysis.indexed?.fingerprint === fingerprint ? analysis.indexed : undefined;
    if (!indexed) {
      const sink: Finding[] = [];
      for (const { rule, setting } of active) if (analysis.deferred.includes(rule.id) && rule.scope === 'file') rule.check(files[i], ctxFor(rule, setting, sink));
      indexed = { fingerprint, findings: sink };
    }
    findings.push(...indexed.findings);
    if (hashes[i] !== undefined) entries.set(paths[i], cacheEntry(analysis, hashes[i], indexed));
  });
  for (const { rule, setting } of active) if (rule.scope === 'project') rule.check(files.filter((f) => rule.kinds.includes(f.kind)), ctxFor(rule, setting, findings));

  const changed = jobs.length > 0 || analyses.some((a) => !('hash' in a) || a.indexed?.fingerprint !== fingerprint) || (cache !== undefined && cache.size !== entries.size);
  // A cache that cannot be written (a read-only checkout) costs speed next time, not this run's answer.
  if (cache && changed) await cache.save(entries).catch(() => undefined);

  const targets = options.targets ? new Set(options.targets) : undefined;
  const reported = targets ? findings.filter((f) => targets.has(f.file)) : findings;
  reported.sort(compareFindings);
  return { findings: reported, files, index, stats: { parsed: jobs.length, cached: paths.length - jobs.length, workers } };
}

/**
 * Run the rules over already-parsed files, all trees in memory, rule by rule. This is the reference the
 * threaded and cached run is tested against, and what callers that already hold parsed files use.
 */
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
        findings.push(toFinding(rule, setting, file, report));
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
