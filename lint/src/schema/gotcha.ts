/**
 * Gotcha frontmatter: one failure mode, written Symptom → Root cause → Fix in the body.
 * The body's structure is checked by the `gotcha-structure` lint rule; this is the frontmatter only.
 */
import { z } from 'astro/zod';
import { COSTS, GotchaIdSchema, SlugSchema } from './ids.ts';
import { SourcesSchema } from './source.ts';
import { VerifiedStampSchema } from './verified.ts';
import { CarriedOverSchema, exactlyOneProvenance, UncheckedSchema } from './provenance.ts';
import { memberOf, type KnownIds } from './known.ts';
import { SignatureSchema } from './signature.ts';

export function GotchaSchema(known: KnownIds = {}) {
  return z.strictObject({
    id: GotchaIdSchema()
      .meta({ description: 'Stable id, unique across the corpus and never reused (`U6`, `MN3`, `RP2`).' }),
    title: z.string().min(8, { error: 'Expected a symptom-first title of at least 8 characters' })
      .meta({ description: 'Symptom-first title, in the words of someone who just hit it.' }),
    catalog: memberOf(SlugSchema('catalog'), known.catalogs, 'catalog')
      .meta({ description: 'The catalog this entry belongs to: a file name in `content/catalogs/`.' }),
    platforms: z
      .array(memberOf(SlugSchema('platform'), known.platforms ? ['all', ...known.platforms] : undefined, 'platform'))
      .min(1, { error: 'Expected at least one platform, or `[all]`' })
      .meta({ description: 'Profile ids this applies to, or `[all]`.' }),
    tags: z.array(SlugSchema('tag')).default([])
      .meta({ description: "Free tags for the browser's facets." }),
    cost: z.array(z.enum(COSTS, { error: (i) => `Expected one of \`money\`, \`data\`, \`time\`, got \`${String(i.input)}\`` })).min(1, {
      error: 'Expected at least one cost: `money`, `data` or `time`',
    })
      .meta({ description: 'What it can cost when it bites: money, data, time.' }),
    keywords: z.array(z.string().min(2)).default([])
      .meta({ description: "Words people type when they hit this: error strings, synonyms, the platform's own terms. Indexed for search." }),
    sources: SourcesSchema()
      .meta({ description: 'Where the fact can be checked.' }),
    verified: VerifiedStampSchema().optional()
      .meta({ description: 'Month someone compared the fact with a quoted source (a `sources` entry with `quote` and `checked` that month).' }),
    carried_over: CarriedOverSchema().optional()
      .meta({ description: 'Instead of `verified`: taken from another knowledge base and not checked here yet.' }),
    unchecked: UncheckedSchema().optional()
      .meta({ description: 'On a checked page: what on it was not compared with a source (the badge then says partly checked).' }),
    related: z.array(GotchaIdSchema()).default([])
      .meta({ description: 'Ids of related gotchas.' }),
    principles: z.array(z.number().int().min(1).max(10)).default([])
      .meta({ description: 'Numbers of the operating principles this gotcha motivates.' }),
    scripts: z.array(z.string().regex(/^scripts\/[\w.-]+$/, { error: 'Expected a path like `scripts/run_one.sh.template`' })).default([])
      .meta({ description: 'Repository paths of script templates that implement the fix (`scripts/run_one.sh.template`).' }),
    draft: z.boolean().default(false)
      .meta({ description: 'Hide from lists (the page still builds); for entries being retired.' }),
    signatures: z.array(SignatureSchema()).default([])
      .meta({ description: "Messages this gotcha explains, as a log shows them; the diagnosis engine matches pasted logs against them. Each must match an example in the page's own Symptom section (rule `gotcha-signatures`)." }),
  }).superRefine(exactlyOneProvenance());
}

export type GotchaInput = z.input<ReturnType<typeof GotchaSchema>>;
export type Gotcha = z.output<ReturnType<typeof GotchaSchema>>;
