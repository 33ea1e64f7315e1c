/** Safe mechanical normalisation of month stamps: the only rewrite `--fix` makes. */
import { VERIFIED_PATTERN } from '../../schema/verified.ts';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * The `YYYY-MM` a loosely written month means, when that is unambiguous (`2026-6`, `2026/06`,
 * `2026-06-15`, `June 2026`); `undefined` otherwise (`June`, `2026`, `2026-13`).
 */
export function normalizeMonth(raw: string): string | undefined {
  const value = raw.trim();
  if (VERIFIED_PATTERN.test(value)) return value;
  let m = /^(\d{4})[-/.](\d{1,2})(?:[-/.]\d{1,2})?$/.exec(value);
  if (m) {
    const month = Number(m[2]);
    return month >= 1 && month <= 12 ? `${m[1]}-${String(month).padStart(2, '0')}` : undefined;
  }
  m = /^([A-Za-z]{3,9})\.? (\d{4})$/.exec(value);
  if (m) {
    const i = MONTHS.indexOf(m[1].slice(0, 3).toLowerCase());
    return i >= 0 ? `${m[2]}-${String(i + 1).padStart(2, '0')}` : undefined;
  }
  return undefined;
}
