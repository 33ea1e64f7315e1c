/** Membership checks against ids that only exist once the corpus has been read. */
import { z } from 'astro/zod';

/** Ids known when a schema is built: catalog file names and profile file names. */
export interface KnownIds {
  catalogs?: readonly string[];
  platforms?: readonly string[];
}

/**
 * Narrow a string schema to a known set, naming the set in the error.
 * Without a set (e.g. in a fixture that has no corpus) only the shape is checked.
 */
export function memberOf(base: z.ZodString, known: readonly string[] | undefined, what: string) {
  if (!known) return base;
  const allowed = new Set(known);
  return base.refine((value) => allowed.has(value), {
    error: (issue) => `Unknown ${what} \`${String(issue.input)}\`, expected one of ${[...allowed].sort().map((v) => `\`${v}\``).join(', ')}`,
  });
}
