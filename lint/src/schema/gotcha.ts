/**
 * Gotcha frontmatter: one failure mode, written Symptom → Root cause → Fix in the body.
 * The body's structure is checked by the `gotcha-structure` lint rule; this is the frontmatter only.
 */
import { z } from 'astro/zod';
import { COSTS, GotchaIdSchema, SlugSchema } from './ids.ts';
import { SourcesSchema } from './source.ts';
import { VerifiedStampSchema } from './verified.ts';
import { CarriedOverSchema, exactlyOneProvenance } from './provenance.ts';
import { memberOf, type KnownIds } from './known.ts';
import { SignatureSchema } from './signature.ts';

export function GotchaSchema(known: KnownIds = {}) {
  return z.strictObject({
    /** Stable id, unique across the corpus and never reused (`U6`, `MN3`, `RP2`). */
    id: GotchaIdSchema(),
    /** Symptom-first title, in the words of someone who just hit it. */
    title: z.string().min(8, { error: 'Expected a symptom-first title of at least 8 characters' }),
    /** The catalog this entry belongs to: a file name in `content/catalogs/`. */
    catalog: memberOf(SlugSchema('catalog'), known.catalogs, 'catalog'),
    /** Profile ids this applies to, or `[all]`. */
    platforms: z
      .array(memberOf(SlugSchema('platform'), known.platforms ? ['all', ...known.platforms] : undefined, 'platform'))
      .min(1, { error: 'Expected at least one platform, or `[all]`' }),
    /** Free tags for the browser's facets. */
    tags: z.array(SlugSchema('tag')).default([]),
    /** What it can cost when it bites: money, data, time. */
    cost: z.array(z.enum(COSTS, { error: (i) => `Expected one of \`money\`, \`data\`, \`time\`, got \`${String(i.input)}\`` })).min(1, {
      error: 'Expected at least one cost: `money`, `data` or `time`',
    }),
    /** Words people type when they hit this: error strings, synonyms, the platform's own terms. Indexed for search. */
    keywords: z.array(z.string().min(2)).default([]),
    /** Where the fact can be checked. */
    sources: SourcesSchema(),
    /** Month someone compared the fact with a quoted source (a `sources` entry with `quote` and `checked` that month). */
    verified: VerifiedStampSchema().optional(),
    /** Instead of `verified`: taken from another knowledge base and not checked here yet. */
    carried_over: CarriedOverSchema().optional(),
    /** Ids of related gotchas. */
    related: z.array(GotchaIdSchema()).default([]),
    /** Numbers of the operating principles this gotcha motivates. */
    principles: z.array(z.number().int().min(1).max(10)).default([]),
    /** Repository paths of script templates that implement the fix (`scripts/run_one.sh.template`). */
    scripts: z.array(z.string().regex(/^scripts\/[\w.-]+$/, { error: 'Expected a path like `scripts/run_one.sh.template`' })).default([]),
    /** Hide from lists (the page still builds); for entries being retired. */
    draft: z.boolean().default(false),
    /**
     * Messages this gotcha explains, as a log shows them; the diagnosis engine matches pasted logs against
     * them. Each must match an example in the page's own Symptom section (rule `gotcha-signatures`).
     * @default []
     * @example [{ literal: "CUDA out of memory" }, { regex: "Xid 79[^0-9]", flags: "i" }]
     */
    signatures: z.array(SignatureSchema()).default([]),
  }).superRefine(exactlyOneProvenance());
}

export type GotchaInput = z.input<ReturnType<typeof GotchaSchema>>;
export type Gotcha = z.output<ReturnType<typeof GotchaSchema>>;
