/**
 * Catalog frontmatter: a family of gotchas sharing an id prefix, with a guide page (the body) that
 * walks a reader from a symptom to the right entry.
 */
import { z } from 'astro/zod';

/** Where a catalog sits in the sidebar. */
export const SECTIONS = ['operations', 'platforms', 'training'] as const;

export function CatalogSchema() {
  return z.strictObject({
    title: z.string().min(3),
    /** One sentence for lists and search results. */
    description: z.string().min(10),
    /** Id prefixes its gotchas use (`[U]`, `[MN]`); a gotcha's id must start with one followed by a digit. */
    prefixes: z.array(z.string().regex(/^[A-Z]{1,6}(?:-[A-Z]{1,6})?$/, { error: 'Expected an upper-case id prefix such as `U` or `RP-G`' })).min(1),
    section: z.enum(SECTIONS),
    /** Order within its section. */
    order: z.number().int().default(100),
    /** Ids that were used once and must never be reused. */
    retired: z.array(z.string()).default([]),
  });
}

export type Catalog = z.output<ReturnType<typeof CatalogSchema>>;
