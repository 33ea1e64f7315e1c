/**
 * Frontmatter as a rule meets it: before the content model has passed it. The keys are the model's own
 * (every collection's, taken from its Zod schema as Starlight types its config from its schema), so a rule
 * that reads `data.carried_over` is checked by the compiler against the model; the values stay `unknown`,
 * since a file may hold anything there and `frontmatter-schema` is the rule that says so. `mapping` and
 * `mappings` are how a rule looks inside a value without a cast: they keep what is a mapping and pass over
 * the rest.
 */
import type { z } from 'astro/zod';
import type { CatalogSchema } from './catalog.ts';
import type { GotchaInput } from './gotcha.ts';
import type { ProfileInput } from './profile.ts';
import type { ReferenceSchema } from './reference.ts';
import type { TemplateMetaSchema } from './template.ts';
import type { TranslatesSchema } from './translation.ts';

type Input<S extends () => z.ZodType> = z.input<ReturnType<S>>;
type AllKeys<T> = T extends unknown ? keyof T : never;

/** Every frontmatter key the content model defines, in any collection (template metadata included). */
export type FrontmatterKey =
  | AllKeys<GotchaInput | ProfileInput | Input<typeof CatalogSchema> | Input<typeof ReferenceSchema> | Input<typeof TemplateMetaSchema>>
  | 'translates';

/** A file's frontmatter: the model's keys, values unchecked. */
export type FrontmatterFields = { readonly [K in FrontmatterKey]?: unknown };

/** Keeps `translates` tied to its schema: a rename there fails here. */
export type Translates = Input<typeof TranslatesSchema>;

/** A value's fields by name when it is a YAML mapping, else undefined. */
export function mapping<K extends string>(value: unknown): { readonly [P in K]?: unknown } | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as { readonly [P in K]?: unknown }) : undefined;
}

/** The entries of a list that are mappings, each with its index in the list (for positions). */
export function mappings<K extends string>(value: unknown): { index: number; fields: { readonly [P in K]?: unknown } }[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry, index) => {
    const fields = mapping<K>(entry);
    return fields ? [{ index, fields }] : [];
  });
}
