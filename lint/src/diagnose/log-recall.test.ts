import { describe, expect, it } from 'vitest';
import { evaluateCli } from '../../../evals/run-log-evals.ts';
import { loadLogCases, logRecall, logReport } from '../../../evals/log-cases.ts';

// Holds the CLI's recall on the pasted-log set (evals/log-cases.jsonl) where it stood before the engine was
// tuned on real reports (issue 29: 68 and 71 of 74 logs at 1 and 3; the tuned engine gets 69 and 71), so tuning
// for real logs never costs the written ones. The report is printed on failure so the misses are visible.
describe('pasted-log recall through `kb-lint diagnose`', () => {
  // Every log through the CLI: 3.8 s on a quiet CI run, 45 s of the 60 s default at load 14-18.
  it('keeps recall@1 ≥ 68/74 and recall@3 ≥ 71/74 over at least 74 logs', { timeout: 240_000 }, async () => {
    const cases = loadLogCases();
    expect(cases.length).toBeGreaterThanOrEqual(74);
    const results = await evaluateCli(cases);
    const r = logRecall(results);
    expect({ at1: r.at1 >= 68 / 74, at3: r.at3 >= 71 / 74, report: logReport('CLI', results) }).toMatchObject({ at1: true, at3: true });
  });
});
