/**
 * The lint run, top to bottom: read every file (read.ts), take what the cache already knows for unchanged
 * bytes (cache.ts), parse and check the rest one file at a time (analyse.ts: the tree lives only while the
 * rules that need it run), build the corpus index from the per-file summaries (corpus-index.ts), run the
 * rules that consult the index and then the project rules, save the cache, and return the findings sorted.
 * The result never depends on the cache: the tests compare it with `lintParsed`, the plain all-in-memory run.
 */
import { RULES } from '../rules/index.ts';
import { appliesTo, type Rule, type RuleOptions } from '../rules/define.ts';
import { activeRules, lightFile, toFinding, type Analysis, type Finding, type RunConfig } from './findings.ts';
import { contentHash, LintCache, type CacheEntry } from './cache.ts';
import { buildIndex, indexFingerprint, type CorpusIndex } from './corpus-index.ts';
import { applyDirectives } from './directives.ts';
import { cacheKey } from './keys.ts';
import { readAll, readAllFrom, type ReadResult } from './read.ts';
import type { LintFile, Report, SeveritySetting } from './types.ts';

export type { Finding } from './findings.ts';

export interface LintOptions extends RuleOptions {
  root: string;
  /** Every corpus file, root-relative: the index is built from all of them. */
  corpus: readonly string[];
  /** Files to report on (root-relative); all of the corpus when omitted. */
  targets?: readonly string[];
  /** Per-rule severity overrides. */
  severities?: ReadonlyMap<string, SeveritySetting>;
  /** The corpus already read, in the order of `corpus`. */
  contents?: readonly ReadResult[];
  /** Bytes of a file, for tests; read from disk when absent. */
  read?: (path: string) => Promise<Uint8Array>;
  /** Folder of the on-disk cache; no cache when omitted. */
  cacheDir?: string;
}

export interface LintResult {
  findings: Finding[];
  /** Every file as the index saw it. From `lint` these carry no tree (it was dropped after parsing). */
  files: LintFile[];
  index: CorpusIndex;
  /** Files parsed now and files taken from the cache. */
  stats?: { parsed: number; cached: number };
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

const directiveSetting = (severities?: ReadonlyMap<string, SeveritySetting>) => severities?.get('disable-directive') ?? 'error';

export async function parseFiles(root: string, paths: readonly string[], read?: LintOptions['read']): Promise<LintFile[]> {
  const { fileFromRead } = await import('./load.ts');
  const contents = read ? await readAll(paths, read) : readAllFrom(root, paths);
  return paths.map((p, i) => fileFromRead(p, contents[i]));
}

export async function lint(options: LintOptions): Promise<LintResult> {
  const config: RunConfig = { maxAge: options.maxAge, today: options.today, severities: [...(options.severities ?? [])] };
  const paths = [...options.corpus];
  const contents = options.contents ?? (options.read ? await readAll(paths, options.read) : readAllFrom(options.root, paths));
  const hashes = contents.map((c) => (c.error === undefined ? contentHash(c.bytes) : undefined));
  const cache = options.cacheDir ? await LintCache.open(options.cacheDir, cacheKey(config)) : undefined;

  // Per file: from the cache when its bytes are unchanged, otherwise analysed now. The parser is loaded only
  // when some file needs it: a re-run with nothing changed skips a quarter of a second of module loading.
  const hits = paths.map((path, i) => (hashes[i] !== undefined ? cache?.get(path, hashes[i]) : undefined));
  const parsed = hits.filter((hit) => !hit).length;
  const analyse = parsed ? (await import('./analyse.ts')).analyse : undefined;
  // Started in order and awaited together: a rule that finishes later (its work on another thread) does not
  // hold up the parsing of the files after it.
  const analyses: (CacheEntry | Analysis)[] = await Promise.all(paths.map((path, i) => hits[i] ?? analyse!(path, contents[i].bytes, config, contents[i].error)));

  const files = analyses.map((a, i) => lightFile(a.summary, contents[i].bytes));
  const index = buildIndex(files);
  const fingerprint = indexFingerprint(index);
  const active = activeRules(config);
  const ctxFor = (rule: Rule, setting: SeveritySetting, sink: Finding[]) => ({
    index,
    options: { maxAge: config.maxAge, today: config.today },
    report: (file: LintFile, report: Report) => void sink.push(toFinding(rule, setting, file, report)),
  });
  // A rule that throws is reported where it threw, and every other finding is kept.
  const guarded = async (rule: Rule, file: LintFile | undefined, sink: Finding[], check: () => void | Promise<void>) => {
    try {
      await check();
    } catch (error) {
      // A project rule has no one file to blame: its finding goes on the first file of the corpus.
      const where = file ?? files[0];
      if (!where) throw error;
      sink.push(toFinding(rule, 'error', where, { message: `Internal error in rule \`${rule.id}\`: ${(error as Error).message ?? String(error)}`, place: { line: 1, column: 1 } }));
    }
  };

  // The rules that asked for the index, per file; their findings are cached with the index they saw.
  const findings: Finding[] = [];
  const entries = new Map<string, CacheEntry>();
  for (const [i, analysis] of analyses.entries()) {
    findings.push(...analysis.findings);
    let indexed = 'hash' in analysis && analysis.indexed?.fingerprint === fingerprint ? analysis.indexed : undefined;
    if (!indexed) {
      const sink: Finding[] = [];
      for (const { rule, setting } of active) if (analysis.deferred.includes(rule.id) && rule.scope === 'file') await guarded(rule, files[i], sink, () => rule.check(files[i], ctxFor(rule, setting, sink)));
      indexed = { fingerprint, findings: sink };
    }
    findings.push(...indexed.findings);
    if (hashes[i] !== undefined) entries.set(paths[i], { ...analysis, hash: hashes[i], indexed });
  }
  for (const { rule, setting } of active) if (rule.scope === 'project') await guarded(rule, undefined, findings, () => rule.check(files.filter((f) => appliesTo(rule, f)), ctxFor(rule, setting, findings)));

  const changed = parsed > 0 || analyses.some((a) => !('hash' in a) || a.indexed?.fingerprint !== fingerprint) || (cache !== undefined && cache.size !== entries.size);
  // A cache that cannot be written (a read-only checkout) costs speed next time, not this run's answer.
  if (cache && changed) await cache.save(entries).catch(() => undefined);

  const targets = options.targets ? new Set(options.targets) : undefined;
  const silenced = applyDirectives(findings, files, directiveSetting(options.severities));
  const reported = targets ? silenced.filter((f) => targets.has(f.file)) : silenced;
  reported.sort(compareFindings);
  return { findings: reported, files, index, stats: { parsed, cached: paths.length - parsed } };
}

/**
 * Run the rules over already-parsed files, all trees in memory, rule by rule. This is the reference the
 * cached run is tested against, and what callers that already hold parsed files use.
 */
export async function lintParsed(files: LintFile[], options: Omit<LintOptions, 'corpus' | 'read'>): Promise<LintResult> {
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
    const applicable = files.filter((f) => appliesTo(rule, f));
    if (rule.scope === 'project') rule.check(applicable, ctx);
    else for (const file of applicable) await rule.check(file, ctx);
  }
  const silenced = applyDirectives(findings, files, directiveSetting(options.severities)).filter((f) => !targets || targets.has(f.file));
  silenced.sort(compareFindings);
  return { findings: silenced, files, index };
}
