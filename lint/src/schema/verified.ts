/**
 * The `verified` stamp: the month someone last checked a fact against its cited source.
 * Written `YYYY-MM` (unquoted in YAML it stays a string; a full date would become a Date).
 */
import { z } from 'astro/zod';

import { VERIFIED_PATTERN } from './month.ts';

export { VERIFIED_PATTERN, monthsBetween, currentMonth } from './month.ts';

/** A month stamp such as `2026-06`. No check against today here: age is a lint concern. */
export function VerifiedStampSchema() {
  return z
    .string({ error: 'Expected a month written `YYYY-MM`, e.g. `2026-06`' })
    .regex(VERIFIED_PATTERN, { error: (issue) => `Expected a month written \`YYYY-MM\` (month 01–12), got \`${String(issue.input)}\`` });
}

export type VerifiedStamp = z.infer<ReturnType<typeof VerifiedStampSchema>>;
