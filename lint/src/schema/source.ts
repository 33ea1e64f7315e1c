/** A cited source: where a fact can be checked. */
import { z } from 'astro/zod';
import { VerifiedStampSchema } from './verified.ts';

/** Hosts that can never be a public source (a reader cannot follow them). */
const PRIVATE_HOST = /^(localhost|127\.|10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|0\.0\.0\.0|\[?::1\]?$|.*\.local$|.*\.internal$)/i;

/** `true` when a URL's host is loopback, link-local or a private range. */
export function isPrivateHost(hostname: string): boolean {
  return PRIVATE_HOST.test(hostname);
}

/** An https URL on a public host. */
export function SourceUrlSchema() {
  return z
    .string({ error: 'Expected a URL string' })
    .refine((value) => URL.canParse(value), { error: (issue) => `Expected a parseable URL, got \`${String(issue.input)}\`` })
    .refine((value) => !URL.canParse(value) || new URL(value).protocol === 'https:', {
      error: (issue) => `Expected an \`https:\` URL, got \`${String(issue.input)}\``,
    })
    .refine((value) => !URL.canParse(value) || !isPrivateHost(new URL(value).hostname), {
      error: (issue) => `Expected a public host, got \`${String(issue.input)}\``,
    });
}

/** `YYYY-MM-DD`: the day a page was read (only the shape; the calendar is checked where it matters). */
export const READ_DAY_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
/** `sha256:` and 64 hex digits: the hash of a passage's surrounding text (see lint/src/verify/context.ts). */
export const CONTEXT_HASH_PATTERN = /^sha256:[0-9a-f]{64}$/;

/**
 * Which version of the source a quote was read in, so a quote that later vanishes can be told from one that
 * was never there. A source stored as a repository is pinned to a commit; a web page to the day it was read
 * and a hash of the text around the quote, which `kb-lint verify` compares with the live page. A quote that
 * cannot be pinned says why, so the gap is visible rather than silent.
 */
export function PinSchema() {
  return z.union(
    [
      z.strictObject({
        commit: z.string().regex(/^[0-9a-f]{7,40}$/, { error: (i) => `Expected a commit of 7–40 hex digits, got \`${String(i.input)}\`` })
          .meta({ description: 'The commit of the repository the quoted file was read at.' }),
      }),
      z.strictObject({
        // An unquoted `2026-12-07` reaches the schema as a YAML timestamp (a Date); take it as the day it names.
        read: z.preprocess((v) => (v instanceof Date && !Number.isNaN(v.getTime()) ? v.toISOString().slice(0, 10) : v), z.string().regex(READ_DAY_PATTERN, { error: (i) => `Expected the day read as \`YYYY-MM-DD\`, got \`${String(i.input)}\`` }))
          .meta({ description: 'The day the page (or its stored copy) was read, `YYYY-MM-DD`.' }),
        context: z.string().regex(CONTEXT_HASH_PATTERN, { error: (i) => `Expected \`sha256:\` and 64 hex digits, got \`${String(i.input)}\`` })
          .meta({ description: 'Hash of the text around the quote as read (`node tools/pin-context.ts` computes it from a copy of the page).' }),
      }),
      z.strictObject({
        unpinned: z.string().min(12, { error: 'Expected `unpinned` to say why the quote cannot be pinned' })
          .meta({ description: 'Why no version of the page could be pinned (no stored copy, passage beyond what was stored).' }),
      }),
    ],
    { error: 'Expected `pin` to be `{ commit }`, `{ read, context }` or `{ unpinned: <why> }`' },
  );
}

export type Pin = z.infer<ReturnType<typeof PinSchema>>;

/** One source: a title a reader recognises, the URL to check it at and, once checked, the passage and month. */
export function SourceSchema() {
  return z.strictObject({
    title: z.string().min(3, { error: 'Expected a source title of at least 3 characters' })
      .meta({ description: 'What the page is, e.g. `RunPod docs — Manage Pods`.' }),
    url: SourceUrlSchema()
      .meta({ description: 'The https URL.' }),
    quote: z.string({ error: 'Expected `quote` to be the passage as text' }).trim().min(12, { error: 'Expected a `quote` of at least 12 characters: the passage that says the fact' }).optional()
      .meta({ description: 'The exact passage at the URL that supports the claim, copied from the page you read (one or two sentences).' }),
    checked: VerifiedStampSchema().optional()
      .meta({ description: 'The month you compared the claim with `quote`, `YYYY-MM`; a `verified` stamp needs a source checked that month.' }),
    pin: PinSchema().optional()
      .meta({ description: 'The version the quote was read in: `{ commit }` for a repository, `{ read, context }` for a web page, or `{ unpinned: why }`.' }),
  });
}

export type Source = z.infer<ReturnType<typeof SourceSchema>>;

/** One or more sources. */
export function SourcesSchema() {
  return z.array(SourceSchema()).min(1, { error: 'Expected at least one source' });
}
