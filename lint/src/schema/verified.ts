/**
 * The `verified` stamp: the month someone last checked a fact against its cited source.
 * Written `YYYY-MM` (unquoted in YAML it stays a string; a full date would become a Date).
 */
import { z } from 'astro/zod';

/** `YYYY-MM` with a real month (01–12). */
export const VERIFIED_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** A month stamp such as `2026-06`. No check against today here: age is a lint concern. */
export function VerifiedStampSchema() {
  return z
    .string({ error: 'Expected a month written `YYYY-MM`, e.g. `2026-06`' })
    .regex(VERIFIED_PATTERN, { error: (issue) => `Expected a month written \`YYYY-MM\` (month 01–12), got \`${String(issue.input)}\`` });
}

export type VerifiedStamp = z.infer<ReturnType<typeof VerifiedStampSchema>>;

/** Months between a stamp and a reference month (both `YYYY-MM`); positive when the stamp is older. */
export function monthsBetween(stamp: string, today: string): number {
  const [sy, sm] = stamp.split('-').map(Number);
  const [ty, tm] = today.split('-').map(Number);
  return (ty - sy) * 12 + (tm - sm);
}

/** The current month as `YYYY-MM` (UTC, so a CI run at midnight agrees with itself). */
export function currentMonth(now: Date = new Date()): string {
  return `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
}
