/**
 * Month arithmetic for `verified` stamps, apart from the schema so the command line can validate `--today`
 * without loading the schema library (a re-run that hits the cache loads nothing it does not use).
 */

/** `YYYY-MM` with a real month (01–12). */
export const VERIFIED_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

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
