/**
 * JSON Schemas of the frontmatter of each collection, generated from the same Zod factories the linter and
 * the site validate with, for editors (the YAML language server reads them; see docs/EDITORS.md). They describe
 * the shape an author types (`io: 'input'`: defaulted fields are optional). What only the corpus knows
 * (whether a catalog or platform id exists) and checks written as code (public https hosts) stay with the
 * linter; the schema cannot express them.
 */
import { z } from 'astro/zod';
import { CatalogSchema } from './catalog.ts';
import { GotchaSchema } from './gotcha.ts';
import { ProfileSchema } from './profile.ts';
import { ReferenceSchema } from './reference.ts';

/** Each content collection: its schema factory, the files it covers, and what an editor should call it. */
export const COLLECTIONS = {
  gotchas: { factory: () => GotchaSchema(), provenance: 'required', glob: 'content/gotchas/**/*.md', title: 'Gotcha frontmatter', description: 'One failure mode: id, symptom-first title, catalog, platforms, costs, sources and its provenance (checked with a quote, or carried over).' },
  profiles: { factory: () => ProfileSchema(), provenance: 'required', glob: 'content/profiles/*.md', title: 'Platform profile frontmatter', description: 'The facts comparison pages are built from: billing verb, storage tiers and what survives, danger clocks, script overrides.' },
  catalogs: { factory: () => CatalogSchema(), provenance: 'none', glob: 'content/catalogs/*.md', title: 'Catalog frontmatter', description: 'A family of gotchas sharing an id prefix, with its sidebar section and retired ids.' },
  references: { factory: () => ReferenceSchema(), provenance: 'optional', glob: 'content/references/**/*.md', title: 'Reference page frontmatter', description: 'A guide or checklist page; sources and its provenance (checked or carried over) when it states facts.' },
} as const;

export type CollectionName = keyof typeof COLLECTIONS;
export const COLLECTION_NAMES = Object.keys(COLLECTIONS).sort() as CollectionName[];

/** Repository path of a collection's committed schema. */
export const schemaPath = (name: CollectionName) => `schemas/${name}.schema.json`;

export type JsonSchema = Record<string, unknown>;

/** Field descriptions come from each field's `.meta({ description })`; an editor's reader sees one before the constraints. */
function descriptionFirst({ jsonSchema }: { jsonSchema: JsonSchema }): void {
  const { description, ...rest } = jsonSchema;
  if (description === undefined) return;
  for (const key of Object.keys(jsonSchema)) delete jsonSchema[key];
  Object.assign(jsonSchema, { description }, rest);
}

/** The JSON Schema of one collection's frontmatter, with each field's `.meta()` description. */
export function frontmatterJsonSchema(name: CollectionName): JsonSchema {
  const { factory, title, description, provenance } = COLLECTIONS[name];
  const generated = z.toJSONSchema(factory(), { io: 'input', override: descriptionFirst }) as JsonSchema;
  // The `exactlyOneProvenance` refinement is code, which zod cannot export; the same rule as JSON Schema.
  if (provenance === 'required') generated.oneOf = [{ required: ['verified'] }, { required: ['carried_over'] }];
  if (provenance === 'optional') generated.not = { required: ['verified', 'carried_over'] };
  // Title and description first so the file reads top-down in an editor.
  const { $schema, ...rest } = generated;
  return { $schema, title, description, ...rest };
}

/** Every collection's schema, as the exact text committed under schemas/ (stable key order, final newline). */
export function frontmatterJsonSchemaFiles(): Map<string, string> {
  return new Map(COLLECTION_NAMES.map((name) => [schemaPath(name), `${JSON.stringify(frontmatterJsonSchema(name), null, 2)}\n`]));
}
