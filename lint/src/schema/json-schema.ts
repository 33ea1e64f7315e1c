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
import { factoryDocs, objectFactory } from '../export/field-docs.ts';

/** Each content collection: its schema factory, the files it covers, and what an editor should call it. */
export const COLLECTIONS = {
  gotchas: { factory: () => GotchaSchema(), provenance: 'required', source: 'GotchaSchema', glob: 'content/gotchas/**/*.md', title: 'Gotcha frontmatter', description: 'One failure mode: id, symptom-first title, catalog, platforms, costs, sources and its provenance (checked with a quote, or carried over).' },
  profiles: { factory: () => ProfileSchema(), provenance: 'required', source: 'ProfileSchema', glob: 'content/profiles/*.md', title: 'Platform profile frontmatter', description: 'The facts comparison pages are built from: billing verb, storage tiers and what survives, danger clocks, script overrides.' },
  catalogs: { factory: () => CatalogSchema(), provenance: 'none', source: 'CatalogSchema', glob: 'content/catalogs/*.md', title: 'Catalog frontmatter', description: 'A family of gotchas sharing an id prefix, with its sidebar section and retired ids.' },
  references: { factory: () => ReferenceSchema(), provenance: 'optional', source: 'ReferenceSchema', glob: 'content/references/**/*.md', title: 'Reference page frontmatter', description: 'A guide or checklist page; sources and its provenance (checked or carried over) when it states facts.' },
} as const;

export type CollectionName = keyof typeof COLLECTIONS;
export const COLLECTION_NAMES = Object.keys(COLLECTIONS).sort() as CollectionName[];

/** Repository path of a collection's committed schema. */
export const schemaPath = (name: CollectionName) => `schemas/${name}.schema.json`;

export type JsonSchema = Record<string, unknown>;

const objectNode = (node: JsonSchema): JsonSchema | undefined =>
  node.properties ? node : (node.anyOf as JsonSchema[] | undefined)?.find((branch) => branch.properties);

/**
 * Give every property the doc comment written beside it in the schema source, descending into nested
 * objects (inline ones keep the factory and extend the path; another factory's object switches to it).
 */
function describe(node: JsonSchema, factory: string, prefix: string): void {
  const object = objectNode(node);
  const docs = factoryDocs().get(factory);
  if (!object || !docs) return;
  const properties = object.properties as Record<string, JsonSchema>;
  for (const [key, property] of Object.entries(properties)) {
    const path = prefix ? `${prefix}.${key}` : key;
    const doc = docs.fields.get(path);
    // The description goes first so a reader of the file sees it before the constraints.
    if (doc && property.description === undefined) properties[key] = { description: doc, ...property };
    const child = (properties[key].items as JsonSchema | undefined) ?? properties[key];
    const ref = docs.refs.get(path);
    if (ref) describe(child, objectFactory(ref), '');
    else describe(child, factory, path);
  }
}

/** The JSON Schema of one collection's frontmatter, with each field's doc comment as its description. */
export function frontmatterJsonSchema(name: CollectionName): JsonSchema {
  const { factory, source, title, description, provenance } = COLLECTIONS[name];
  const generated = z.toJSONSchema(factory(), { io: 'input' }) as JsonSchema;
  describe(generated, source, '');
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
