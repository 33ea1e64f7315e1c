/**
 * Pasted-log evaluation through the CLI: every log of `evals/log-cases.jsonl` goes to `kb-lint diagnose -
 * --format json` (the command's own main, fed the log on stdin, against an index built once from content/
 * as the command builds it), and counts as found at k when an expected gotcha is among the first k matches.
 *
 *   node evals/run-log-evals.ts [--json]
 *
 * Prints recall@1 and recall@3 per kind and overall, and every miss at 1. Exit 0 after a run, 2 on a bad
 * cases file.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { diagnoseMain } from '../lint/src/diagnose/command.ts';
import { loadDiagnosisIndex } from '../lint/src/diagnose/from-corpus.ts';
import { loadLogCases, logRecall, logReport, scoreCase, type LogCase, type LogResult } from './log-cases.ts';

const ROOT = join(import.meta.dirname, '..');

/** Run the cases through the CLI's main; the index is built once and passed with `--index`. */
export async function evaluateCli(cases: readonly LogCase[], root = ROOT): Promise<LogResult[]> {
  const dir = join(root, '.cache');
  mkdirSync(dir, { recursive: true });
  const indexFile = join(dir, 'diagnosis-index.eval.json');
  writeFileSync(indexFile, JSON.stringify(await loadDiagnosisIndex(root)));
  const results: LogResult[] = [];
  for (const c of cases) {
    let out = '';
    const argv = ['-', '--format', 'json', '--limit', '3', '--index', indexFile];
    const code = await diagnoseMain({ argv, cwd: root, stdout: (t) => (out += t), stderr: () => {} }, argv, async () => c.text);
    const got = code === 2 ? [] : (JSON.parse(out) as { matches: { id: string }[] }).matches.map((m) => m.id);
    results.push(scoreCase(c, got));
  }
  return results;
}

if (import.meta.main) {
  const cases = loadLogCases();
  const results = await evaluateCli(cases);
  if (process.argv.includes('--json')) console.log(JSON.stringify({ cli: logRecall(results) }));
  else console.log(logReport('CLI (kb-lint diagnose)', results));
}
