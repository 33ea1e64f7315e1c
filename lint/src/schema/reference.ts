/** Reference page frontmatter: principles, checklists, guides that link to gotchas rather than restate them. */
import { z } from 'astro/zod';
import { SourceSchema } from './source.ts';
import { SignatureSchema } from './signature.ts';
import { VerifiedStampSchema } from './verified.ts';
import { CarriedOverSchema, exactlyOneProvenance, UncheckedSchema } from './provenance.ts';

export function ReferenceSchema() {
  return z.strictObject({
    title: z.string().min(3)
      .meta({ description: 'Page title, as the sidebar and search results show it.' }),
    description: z.string().min(10)
      .meta({ description: 'One sentence for lists, search results and the page summary.' }),
    order: z.number().int().default(100)
      .meta({ description: 'Sidebar order.' }),
    sources: z.array(SourceSchema()).default([])
      .meta({ description: 'Optional: references carry facts too (cadence formulas, grace windows).' }),
    verified: VerifiedStampSchema().optional()
      .meta({ description: 'Month someone compared the facts with a quoted source; references that state no facts may omit it.' }),
    carried_over: CarriedOverSchema().optional()
      .meta({ description: 'Instead of `verified`: taken from another knowledge base and not checked here yet.' }),
    unchecked: UncheckedSchema().optional()
      .meta({ description: 'On a checked page: what on it was not compared with a source (the badge then says partly checked).' }),
    signatures: z.array(SignatureSchema()).default([])
      .meta({ description: "Optional, last key: messages this reference answers when no gotcha does (the Xid table for `NVRM: Xid` lines). The diagnosis engine lists it after the gotchas its signatures match; each must match a line of the page's own body (rule `gotcha-signatures`)." }),
  }).superRefine(exactlyOneProvenance(true));
}

export type Reference = z.output<ReturnType<typeof ReferenceSchema>>;
