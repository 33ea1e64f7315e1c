/**
 * Stricter checks for gotchas a change adds (with `--changed`): a new entry must carry facts checked now, so
 * its `verified` month may be at most one month before today, and it may not be `carried_over` (a page written
 * now is written from a source, which it quotes). Old entries keep the ordinary ageing rules; the
 * other requirements for new entries (a source, a fresh id, the three sections, no TODO) hold for every file.
 */
import { toFinding, type Finding } from '../engine/findings.ts';
import type { LintFile, SeveritySetting } from '../engine/types.ts';
import { ruleById } from '../rules/index.ts';
import { monthsBetween, VERIFIED_PATTERN } from '../schema/verified.ts';

/** The month before `today` (`2026-01` → `2025-12`). */
export function previousMonth(today: string): string {
  const [y, m] = today.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** `setting` is the run's `--rule verified-stamp=…`: `warning` softens these findings, `off` drops them. */
export function newGotchaFindings(files: readonly LintFile[], added: ReadonlySet<string>, today: string, setting: SeveritySetting = 'error'): Finding[] {
  const findings: Finding[] = [];
  if (setting === 'off') return findings;
  for (const file of files) {
    if (file.kind !== 'gotcha' || !added.has(file.path)) continue;
    if (file.frontmatter.data.carried_over !== undefined && file.frontmatter.data.verified === undefined) {
      findings.push(
        toFinding(ruleById.get('quoted-source')!, 'error', file, {
          message: 'Unexpected `carried_over` on a new gotcha, expected `verified` with a source quoted and checked this month',
          place: file.frontmatter.keyPositionOf(['carried_over']),
          note: 'Carried over describes facts taken in bulk from the upstream knowledge base; a page written now is written from a source, so quote it.',
        }),
      );
      continue;
    }
    const month = file.frontmatter.data.verified;
    if (typeof month !== 'string' || !VERIFIED_PATTERN.test(month) || monthsBetween(month, today) <= 1) continue;
    findings.push(
      toFinding(ruleById.get('verified-stamp')!, setting, file, {
        message: `Unexpected \`verified: ${month}\` on a new gotcha, expected the month its facts were checked (\`${previousMonth(today)}\` or later)`,
        place: file.frontmatter.positionOf(['verified']),
        note: 'A new entry is checked against its sources when it is written; stamp that month.',
      }),
    );
  }
  return findings;
}
