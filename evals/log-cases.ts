/**
 * The pasted-log evaluation set: `evals/log-cases.jsonl` names a log under `evals/logs/` and the gotcha ids
 * that answer it (any one of them counts). Shared by the CLI run, the browser run and the test that holds
 * the recall.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CaseFileError, gotchaIds } from './run-search-evals.ts';

export const EVALS = import.meta.dirname;
export const LOG_CASES = join(EVALS, 'log-cases.jsonl');

export interface LogCase {
  log: string;
  expect: string[];
  kind: string;
  /** The log's text. */
  text: string;
}

/** What a surface answered for one case: the ids it showed, and the 1-based rank of the first expected one. */
export interface Ranked {
  got: string[];
  rank: number | null;
}

export type LogResult = LogCase & Ranked;

export function loadLogCases(path = LOG_CASES, known = gotchaIds()): LogCase[] {
  const cases: LogCase[] = [];
  readFileSync(path, 'utf8').split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    const fail = (msg: string): never => {
      throw new CaseFileError(`${path}:${i + 1}: ${msg}`);
    };
    const value = JSON.parse(line) as Partial<LogCase>;
    if (typeof value.log !== 'string' || !Array.isArray(value.expect) || !value.expect.length || typeof value.kind !== 'string') fail('expected {"log": "logs/x.log", "expect": ["ID"], "kind": "..."}');
    for (const id of value.expect!) if (!known.has(id)) fail(`unknown gotcha id \`${id}\``);
    const file = join(EVALS, value.log!);
    if (!existsSync(file)) fail(`no such log \`${value.log}\``);
    cases.push({ log: value.log!, expect: value.expect!, kind: value.kind!, text: readFileSync(file, 'utf8') });
  });
  return cases;
}

export function scoreCase<C extends { expect: readonly string[] }>(c: C, got: string[]): C & Ranked {
  const at = got.findIndex((id) => c.expect.includes(id));
  return { ...c, got, rank: at === -1 ? null : at + 1 };
}

export function logRecall(results: readonly Ranked[]) {
  const n = results.length;
  const at = (k: number) => results.filter((r) => r.rank !== null && r.rank <= k).length / n;
  return { cases: n, at1: at(1), at3: at(3) };
}

export function logReport(surface: string, results: readonly LogResult[]): string {
  const fmt = (x: number) => x.toFixed(3);
  const lines = [`${surface}: pasted-log recall over ${results.length} logs`];
  const kinds = [...new Set(results.map((r) => r.kind))].sort();
  for (const kind of kinds) {
    const r = logRecall(results.filter((x) => x.kind === kind));
    lines.push(`  ${kind.padEnd(10)} n=${String(r.cases).padStart(2)}  recall@1 ${fmt(r.at1)}  recall@3 ${fmt(r.at3)}`);
  }
  const all = logRecall(results);
  lines.push(`  ${'all'.padEnd(10)} n=${String(all.cases).padStart(2)}  recall@1 ${fmt(all.at1)}  recall@3 ${fmt(all.at3)}`);
  for (const r of results) if (r.rank !== 1) lines.push(`  miss@1 ${r.log}: expected ${r.expect.join('|')}, got ${r.got.join(', ') || '(nothing)'}`);
  return lines.join('\n');
}
