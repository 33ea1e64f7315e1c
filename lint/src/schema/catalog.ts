/**
 * Catalog frontmatter: a family of gotchas sharing an id prefix, with a guide page (the body) that
 * walks a reader from a symptom to the right entry.
 */
import { z } from 'astro/zod';

/** Where a catalog sits in the sidebar. */
export const SECTIONS = ['operations', 'platforms', 'training'] as const;

export function CatalogSchema() {
  return z.strictObject({
    title: z.string().min(3)
      .meta({ description: 'Name of the catalog as the sidebar and its guide page show it.' }),
    description: z.string().min(10)
      .meta({ description: 'One sentence for lists and search results.' }),
    prefixes: z.array(z.string().regex(/^[A-Z]{1,6}(?:-[A-Z]{1,6})?$/, { error: 'Expected an upper-case id prefix such as `U` or `RP-G`' })).min(1)
      .meta({ description: "Id prefixes its gotchas use (`[U]`, `[MN]`); a gotcha's id must start with one followed by a digit." }),
    section: z.enum(SECTIONS)
      .meta({ description: 'The sidebar group it sits in: `operations`, `platforms` or `training`.' }),
    order: z.number().int().default(100)
      .meta({ description: 'Order within its section.' }),
    retired: z.array(z.string()).default([])
      .meta({ description: 'Ids that were used once and must never be reused.' }),
  });
}

export type Catalog = z.output<ReturnType<typeof CatalogSchema>>;
