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
  });
}

export type Source = z.infer<ReturnType<typeof SourceSchema>>;

/** One or more sources. */
export function SourcesSchema() {
  return z.array(SourceSchema()).min(1, { error: 'Expected at least one source' });
}
