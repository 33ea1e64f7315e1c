/**
 * Provenance: where a file's facts stand. A fact is either *checked* (frontmatter `verified: YYYY-MM`, backed
 * by a source entry whose `quote` someone compared with the claim that month) or *carried over* (taken from
 * another knowledge base and not yet checked here: `carried_over: { from, as_of, upstream_verified? }`).
 * Never both. Every surface that shows a file's state (badge, browser facet, `stale`, exports) asks
 * `provenanceOf`, so none of them interprets the fields on its own.
 */
import { z } from 'astro/zod';

import { VerifiedStampSchema } from './verified.ts';

/** `owner/name@commit`: the repository and the version a fact was taken from. */
export const UPSTREAM_PATTERN = /^[\w.-]+\/[\w.-]+@[0-9a-f]{7,40}$/;

/** The upstream knowledge base this guide grew from, at the version its facts were taken. */
export const UPSTREAM = { from: 'Hanyuyuan6/remote-gpu-trainer@2853286', as_of: '2026-07' } as const;

export function CarriedOverSchema() {
  return z.strictObject(
    {
      from: z
        .string({ error: 'Expected `owner/name@commit`, e.g. `Hanyuyuan6/remote-gpu-trainer@2853286`' })
        .regex(UPSTREAM_PATTERN, { error: (i) => `Expected \`owner/name@commit\` (7–40 hex digits), got \`${String(i.input)}\`` })
        .meta({ description: 'Repository and commit the facts were taken from, e.g. `Hanyuyuan6/remote-gpu-trainer@2853286`.' }),
      as_of: VerifiedStampSchema()
        .meta({ description: 'The month of that version, `YYYY-MM`.' }),
      upstream_verified: VerifiedStampSchema().optional()
        .meta({ description: 'The month the upstream claimed to have checked the fact, when it gave one. Shown, never trusted.' }),
    },
    // Only for a value that is not a mapping at all; unknown keys keep zod's own message, which names them.
    { error: (i) => (i.code === 'invalid_type' ? 'Expected `carried_over:` to be a mapping with `from:` and `as_of:`' : undefined) },
  );
}

/** What on a checked page was not compared with a source, in words a reader understands. */
export function UncheckedSchema() {
  return z.string({ error: 'Expected `unchecked` to say, in words, which facts on the page were not checked' }).trim()
    .min(12, { error: 'Expected `unchecked` to name the facts not checked (at least 12 characters)' });
}

/**
 * Inline marks that repeat the month the upstream said it checked a fact, `(upstream check: host, 2026-06)`:
 * facts on the page nobody compared here. A page with any is only partly checked, whatever its stamp.
 */
export const UPSTREAM_MARK = /\(upstream check\b[^)\n]{0,120}\)/gi;

/** How many facts of a body carry only the upstream's check. */
export const upstreamMarks = (body: string | undefined): number => (body ? (body.match(UPSTREAM_MARK) ?? []).length : 0);

export type CarriedOver = z.infer<ReturnType<typeof CarriedOverSchema>>;

interface ProvenanceData {
  verified?: unknown;
  carried_over?: unknown;
  unchecked?: unknown;
}

/**
 * The cross-field rule: exactly one of `verified` and `carried_over` (or, with `optional`, at most one).
 * A `superRefine` rather than a union so a wrong month is still reported against the field it is in.
 */
export function exactlyOneProvenance(optional = false) {
  return (data: ProvenanceData, ctx: z.RefinementCtx) => {
    const has = (v: unknown) => v !== undefined && v !== null;
    if (has(data.verified) && has(data.carried_over)) {
      ctx.addIssue({
        code: 'custom',
        path: ['carried_over'],
        params: { named: true },
        message: 'Unexpected `carried_over` beside `verified`, expected one of them: drop `carried_over` once the facts are checked and quoted',
      });
    } else if (has(data.unchecked) && !has(data.verified)) {
      ctx.addIssue({
        code: 'custom',
        path: ['unchecked'],
        params: { named: true },
        message: 'Unexpected `unchecked` without `verified`, expected it only on a checked page (on a carried-over page nothing is checked)',
      });
    } else if (!optional && !has(data.verified) && !has(data.carried_over)) {
      ctx.addIssue({
        code: 'custom',
        path: ['verified'],
        params: { named: true },
        message: 'Missing provenance: expected `verified: YYYY-MM` (checked, with a quoted source) or `carried_over: { from, as_of }`',
      });
    }
  };
}

export type Provenance =
  /** `unchecked`: what the page says it did not check; `upstreamOnly`: facts marked with only the upstream's check. */
  | { state: 'checked'; month: string; unchecked?: string; upstreamOnly?: number }
  | { state: 'carried-over'; from: string; asOf: string; upstreamVerified?: string }
  | { state: 'none' };

/**
 * A file's provenance as every surface shows it. Tolerates unvalidated data (it never throws). Give the body
 * so inline upstream marks count: a page stamped checked with facts still marked as the upstream's check is
 * only partly checked, and no surface may say otherwise.
 */
export function provenanceOf(data: ProvenanceData | undefined, body?: string): Provenance {
  const verified = data?.verified;
  if (typeof verified === 'string') {
    const unchecked = typeof data?.unchecked === 'string' && data.unchecked.trim() ? data.unchecked.trim() : undefined;
    const upstreamOnly = upstreamMarks(body);
    return { state: 'checked', month: verified, ...(unchecked ? { unchecked } : {}), ...(upstreamOnly ? { upstreamOnly } : {}) };
  }
  const carried = data?.carried_over as Partial<CarriedOver> | undefined;
  if (carried && typeof carried === 'object' && typeof carried.from === 'string') {
    const asOf = typeof carried.as_of === 'string' ? carried.as_of : '';
    return typeof carried.upstream_verified === 'string'
      ? { state: 'carried-over', from: carried.from, asOf, upstreamVerified: carried.upstream_verified }
      : { state: 'carried-over', from: carried.from, asOf };
  }
  return { state: 'none' };
}

/** One line for text exports: `checked 2026-12` or `carried over from upstream@2853286 (2026-07), not checked here`. */
export function provenanceLabel(p: Provenance): string {
  switch (p.state) {
    case 'checked':
      return `${isPartly(p) ? 'partly checked' : 'checked'} ${p.month}${p.unchecked ? ` (not checked: ${p.unchecked})` : ''}${p.upstreamOnly ? ` (${p.upstreamOnly} fact(s) only upstream-checked)` : ''}`;
    case 'carried-over':
      return `carried over from ${p.from} (${p.asOf})${p.upstreamVerified ? `, upstream said checked ${p.upstreamVerified}` : ''}; not checked here`;
    default:
      return 'no provenance';
  }
}

/** Whether a checked page leaves some of its facts unchecked. */
export const isPartly = (p: Provenance): boolean => p.state === 'checked' && (p.unchecked !== undefined || (p.upstreamOnly ?? 0) > 0);
