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
  gotchas: { factory: () => GotchaSchema(), glob: 'content/gotchas/**/*.md', title: 'Gotcha frontmatter', description: 'One failure mode: id, symptom-first title, catalog, platforms, costs, sources and the month they were checked.' },
  profiles: { factory: () => ProfileSchema(), glob: 'content/profiles/*.md', title: 'Platform profile frontmatter', description: 'The facts comparison pages are built from: billing verb, storage tiers and what survives, danger clocks, script overrides.' },
  catalogs: { factory: () => CatalogSchema(), glob: 'content/catalogs/*.md', title: 'Catalog frontmatter', description: 'A family of gotchas sharing an id prefix, with its sidebar section and retired ids.' },
  references: { factory: () => ReferenceSchema(), glob: 'content/references/**/*.md', title: 'Reference page frontmatter', description: 'A guide or checklist page; sources and a verified month when it states facts.' },
} as const;

export type CollectionName = keyof typeof COLLECTIONS;
export const COLLECTION_NAMES = Object.keys(COLLECTIONS).sort() as CollectionName[];

/** Repository path of a collection's committed schema. */
export const schemaPath = (name: CollectionName) => `schemas/${name}.schema.json`;

export type JsonSchema = ReturnType<typeof z.toJSONSchema>;

/** The JSON Schema of one collection's frontmatter. */
export function frontmatterJsonSchema(name: CollectionName): JsonSchema {
  const { factory, title, description } = COLLECTIONS[name];
  const generated = z.toJSONSchema(factory(), { io: 'input' });
  // Title and description first so the file reads top-down in an editor.
  const { $schema, ...rest } = generated;
  return { $schema, title, description, ...rest };
}

/** Every collection's schema, as the exact text committed under schemas/ (stable key order, final newline). */
export function frontmatterJsonSchemaFiles(): Map<string, string> {
  return new Map(COLLECTION_NAMES.map((name) => [schemaPath(name), `${JSON.stringify(frontmatterJsonSchema(name), null, 2)}\n`]));
}
