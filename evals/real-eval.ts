/**
 * Scoring the real-report corpus (evals/real/): recall at 1 and 3 over the cases a page answers, coverage
 * (the share of `expect: []` cases, which no surface can get right and so count in no recall), by split and
 * by topic, with every miss named. Shared by `npm run eval:real` and the test that holds the CLI's level.
 */
import type { Ranked } from './log-cases.ts';
import { TOPICS, type RealCase, type Split } from './real-cases.ts';

export type RealResult = RealCase & Ranked;

export interface RealFigures {
  cases: number;
  /** Cases with `expect: []`: what no page answers yet. */
  none: number;
  /** Cases a page answers: the denominator of both recalls. */
  answered: number;
  at1: number;
  at3: number;
  /** `none` cases where the surface still showed something (a guess the reader has to see through). */
  noneWithMatches: number;
}

export function realFigures(results: readonly RealResult[]): RealFigures {
  const answered = results.filter((r) => r.expect.length > 0);
  const none = results.filter((r) => r.expect.length === 0);
  const at = (k: number) => (answered.length ? answered.filter((r) => r.rank !== null && r.rank <= k).length / answered.length : 0);
  return { cases: results.length, none: none.length, answered: answered.length, at1: at(1), at3: at(3), noneWithMatches: none.filter((r) => r.got.length > 0).length };
}

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

/** One figures line: `n=…  none …  top-1 …  top-3 …`. */
function line(label: string, f: RealFigures): string {
  const none = f.cases ? `${f.none} (${pct(f.none / f.cases)})` : '0';
  return `  ${label.padEnd(13)} n=${String(f.cases).padStart(3)}  none ${none.padEnd(11)}  top-1 ${f.answered ? pct(f.at1).padStart(7) : '      -'}  top-3 ${f.answered ? pct(f.at3).padStart(7) : '      -'}`;
}

/** The report of one surface over the given splits: overall, by topic, then each miss at 1. */
export function realReport(surface: string, results: readonly RealResult[], splits: readonly Split[]): string {
  const out: string[] = [];
  for (const split of splits) {
    const mine = results.filter((r) => r.split === split);
    out.push(`${surface}, ${split} split`);
    out.push(line('all', realFigures(mine)));
    for (const topic of TOPICS) {
      const t = mine.filter((r) => r.topic === topic);
      if (t.length) out.push(line(topic, realFigures(t)));
    }
    const misses = mine.filter((r) => r.expect.length > 0 && r.rank !== 1);
    if (misses.length) out.push(`  misses at 1 (${misses.length}):`);
    for (const r of misses) out.push(`    ${r.file}: expected ${r.expect.join('|')}, got ${r.got.join(', ') || '(nothing)'}${r.rank ? ` (rank ${r.rank})` : ''}`);
    const guessed = mine.filter((r) => r.expect.length === 0 && r.got.length > 0);
    if (guessed.length) out.push(`  none cases answered anyway (${guessed.length}): ${guessed.map((r) => `${r.file} → ${r.got[0]}`).join('; ')}`);
  }
  return out.join('\n');
}
