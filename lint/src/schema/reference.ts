/** Reference page frontmatter: principles, checklists, guides that link to gotchas rather than restate them. */
import { z } from 'astro/zod';
import { SourceSchema } from './source.ts';
import { VerifiedStampSchema } from './verified.ts';
import { CarriedOverSchema, exactlyOneProvenance } from './provenance.ts';

export function ReferenceSchema() {
  return z.strictObject({
    title: z.string().min(3),
    description: z.string().min(10),
    /** Sidebar order. */
    order: z.number().int().default(100),
    /** Optional: references carry facts too (cadence formulas, grace windows). */
    sources: z.array(SourceSchema()).default([]),
    /** Month someone compared the facts with a quoted source; references that state no facts may omit it. */
    verified: VerifiedStampSchema().optional(),
    /** Instead of `verified`: taken from another knowledge base and not checked here yet. */
    carried_over: CarriedOverSchema().optional(),
  }).superRefine(exactlyOneProvenance(true));
}

export type Reference = z.output<ReturnType<typeof ReferenceSchema>>;
