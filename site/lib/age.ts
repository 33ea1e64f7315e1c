/** Age of a `verified` month as the site shows it: the same arithmetic as the linter's stamp rule. */
import { currentMonth, monthsBetween } from '../../lint/src/schema/verified.ts';

export type AgeBand = 'fresh' | 'ageing' | 'stale';

/** The month ages are measured against: `KB_TODAY` for reproducible builds, else the build month. */
export const buildMonth = (): string => process.env.KB_TODAY ?? currentMonth();

/** The band of an age in months: fresh up to 3, ageing up to 6 (the lint default), stale beyond. */
export const bandOf = (months: number): AgeBand => (months <= 3 ? 'fresh' : months <= 6 ? 'ageing' : 'stale');

/** Months since the stamp, its band and how the site says it. */
export function ageOf(month: string, today = buildMonth()): { months: number; band: AgeBand; label: string } {
  const months = Math.max(0, monthsBetween(month, today));
  const band = bandOf(months);
  const label = months === 0 ? 'this month' : months === 1 ? '1 month ago' : `${months} months ago`;
  return { months, band, label };
}
