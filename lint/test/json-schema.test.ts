/**
 * The committed JSON Schemas (schemas/*.schema.json) against the Zod content model they are generated from:
 * they must be current, every field of the model must appear with the same required-ness, nesting, strictness
 * and enum values, every pattern must compile as the ECMAScript regex an editor will run, and every content
 * file's frontmatter must pass the model (checked with Zod: no JSON Schema validator is installed).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z, type ZodType } from 'astro/zod';
import { describe, expect, it } from 'vitest';
import { COLLECTION_NAMES, COLLECTIONS, frontmatterJsonSchema, frontmatterJsonSchemaFiles, schemaPath, type CollectionName } from '../src/schema/json-schema.ts';
import { staleSchemas } from '../src/export/json-schemas.ts';
import { corpusFiles } from '../src/files.ts';
import { parseFiles } from '../src/engine/run.ts';
import { glob } from 'glob';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

interface Json {
  type?: string | string[];
  properties?: Record<string, Json>;
  required?: string[];
  additionalProperties?: boolean | Json;
  items?: Json;
  enum?: unknown[];
  anyOf?: Json[];
  pattern?: string;
  default?: unknown;
  [key: string]: unknown;
}

interface Def {
  type: string;
  innerType?: ZodType;
  element?: ZodType;
  shape?: Record<string, ZodType>;
  catchall?: ZodType;
  options?: ZodType[];
  entries?: Record<string, string>;
  valueType?: ZodType;
}
const def = (schema: ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** Strip wrappers that only change whether a value may be left out. */
function unwrap(schema: ZodType): { inner: ZodType; optional: boolean } {
  let inner = schema;
  let optional = false;
  for (;;) {
    const d = def(inner);
    if (d.type === 'optional' || d.type === 'default') {
      optional = true;
      inner = d.innerType!;
    } else if (d.type === 'nullable') inner = d.innerType!;
    else return { inner, optional };
  }
}

/** The object branch of a JSON Schema node, looking through `anyOf` (nullable objects). */
const objectBranch = (json: Json): Json | undefined => (json.properties ? json : json.anyOf?.find((b) => b.properties));

/** Properties, at any depth, whose description is missing or too short to help an author. */
function undescribed(node: Json, path: string, out: string[] = []): string[] {
  for (const branch of [node, ...(node.anyOf ?? [])]) {
    for (const [key, property] of Object.entries(branch.properties ?? {})) {
      if (typeof property.description !== 'string' || property.description.length < 10) out.push(`${path}.${key}`);
      undescribed(property.items ?? property, `${path}.${key}`, out);
    }
  }
  return out;
}

/** Compare a Zod schema and its JSON Schema node; returns human-readable differences at key paths. */
function compare(zod: ZodType, json: Json, path: string, out: string[]): void {
  const { inner } = unwrap(zod);
  const d = def(inner);
  if (d.type === 'object') {
    const node = objectBranch(json);
    if (!node?.properties) return void out.push(`${path}: an object in Zod, no properties in JSON Schema`);
    const keys = Object.keys(d.shape!).sort();
    if (JSON.stringify(Object.keys(node.properties).sort()) !== JSON.stringify(keys)) out.push(`${path}: properties ${Object.keys(node.properties).sort()} ≠ ${keys}`);
    const required = keys.filter((k) => !unwrap(d.shape![k]).optional);
    if (JSON.stringify([...(node.required ?? [])].sort()) !== JSON.stringify(required)) out.push(`${path}: required ${node.required} ≠ ${required}`);
    const strict = d.catchall !== undefined && def(d.catchall).type === 'never';
    if (strict !== (node.additionalProperties === false)) out.push(`${path}: strict in Zod is ${strict}, additionalProperties is ${JSON.stringify(node.additionalProperties)}`);
    for (const k of keys) if (node.properties[k]) compare(d.shape![k], node.properties[k], `${path}.${k}`, out);
  } else if (d.type === 'array') {
    if (!json.items) return void out.push(`${path}: an array in Zod, no items in JSON Schema`);
    compare(d.element!, json.items, `${path}[]`, out);
  } else if (d.type === 'enum') {
    const values = Object.values(d.entries!).sort();
    if (JSON.stringify([...(json.enum ?? [])].sort()) !== JSON.stringify(values)) out.push(`${path}: enum ${json.enum} ≠ ${values}`);
  } else if (d.type === 'record') {
    if (typeof json.additionalProperties !== 'object') return void out.push(`${path}: a record in Zod, no additionalProperties schema`);
    compare(d.valueType!, json.additionalProperties, `${path}{}`, out);
  }
}

/** Every `pattern` anywhere in a JSON Schema. */
function patterns(json: unknown, out: string[] = []): string[] {
  if (json && typeof json === 'object') {
    for (const [k, v] of Object.entries(json)) {
      if (k === 'pattern' && typeof v === 'string') out.push(v);
      else patterns(v, out);
    }
  }
  return out;
}

describe('committed JSON Schemas', () => {
  it('match what the content model generates today', async () => {
    const stale = await staleSchemas(ROOT);
    expect(stale, 'regenerate with `npm run export:schemas` and commit').toEqual([]);
    for (const [path, text] of frontmatterJsonSchemaFiles()) expect(await readFile(join(ROOT, path), 'utf8')).toBe(text);
  });

  it('come out the same on every generation', () => {
    expect([...frontmatterJsonSchemaFiles()]).toEqual([...frontmatterJsonSchemaFiles()]);
  });

  it.each(COLLECTION_NAMES)('%s: agrees with the Zod shape field by field', (name) => {
    const json = frontmatterJsonSchema(name) as Json;
    expect(json.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(json.title).toBeTruthy();
    expect(json.description).toBeTruthy();
    const differences: string[] = [];
    compare(COLLECTIONS[name].factory() as unknown as ZodType, json, name, differences);
    expect(differences).toEqual([]);
  });

  it.each(COLLECTION_NAMES)('%s: describes every property at every depth', (name) => {
    expect(undescribed(frontmatterJsonSchema(name) as Json, name)).toEqual([]);
  });

  it("takes each description from the field's .meta() and notices one that is lost", () => {
    const profile = structuredClone(frontmatterJsonSchema('profiles')) as Json;
    const stopVerb = (COLLECTIONS.profiles.factory() as unknown as { shape: { meter: { shape: { stopVerb: ZodType } } } }).shape.meter.shape.stopVerb;
    expect(profile.properties!.meter.properties!.stopVerb.description).toBe(z.globalRegistry.get(stopVerb)?.description);
    delete profile.properties!.storage.items!.properties!.survivesDestroy.description;
    profile.properties!.overrides.properties!.SCRATCH.description = '';
    expect(undescribed(profile, 'profiles')).toEqual(['profiles.storage.survivesDestroy', 'profiles.overrides.SCRATCH']);
  });

  it('holds only patterns an editor can compile', () => {
    const all = COLLECTION_NAMES.flatMap((n) => patterns(frontmatterJsonSchema(n)));
    expect(all.length).toBeGreaterThan(3);
    for (const p of all) expect(() => new RegExp(p, 'u'), p).not.toThrow();
  });

  it('the comparison itself notices a dropped field, a changed required list and a loosened object', () => {
    const json = structuredClone(frontmatterJsonSchema('profiles')) as Json;
    delete json.properties!.inodeCap;
    json.required = json.required!.filter((k) => k !== 'kind');
    json.properties!.meter.additionalProperties = true;
    const differences: string[] = [];
    compare(COLLECTIONS.profiles.factory() as unknown as ZodType, json, 'profiles', differences);
    expect(differences.join('\n')).toMatch(/profiles: properties/);
    expect(differences.join('\n')).toMatch(/profiles: required/);
    expect(differences.join('\n')).toMatch(/profiles\.meter: strict/);
  });
});

describe('content frontmatter against the model the schemas come from', { timeout: 120_000 }, () => {
  const kindOf: Record<string, CollectionName> = { gotcha: 'gotchas', profile: 'profiles', catalog: 'catalogs', reference: 'references' };

  it('every content file passes its collection schema and uses only documented keys', async () => {
    const files = (await parseFiles(ROOT, await corpusFiles(ROOT))).filter((f) => f.kind in kindOf);
    expect(files.length).toBeGreaterThan(300);
    const failures: string[] = [];
    for (const file of files) {
      const name = kindOf[file.kind];
      const parsed = COLLECTIONS[name].factory().safeParse(file.frontmatter.data);
      if (!parsed.success) failures.push(`${file.path}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      const json = frontmatterJsonSchema(name) as Json;
      for (const key of Object.keys(file.frontmatter.data)) if (!json.properties![key]) failures.push(`${file.path}: \`${key}\` is not in ${schemaPath(name)}`);
      for (const key of json.required ?? []) if (!(key in file.frontmatter.data)) failures.push(`${file.path}: required \`${key}\` missing`);
    }
    expect(failures).toEqual([]);
  });

  it('each collection glob in the editor mapping matches the files of that collection', async () => {
    const settings = JSON.parse(await readFile(join(ROOT, '.vscode/settings.json'), 'utf8')) as Record<string, unknown>;
    const mapping = settings['yaml.schemas'] as Record<string, string | string[]>;
    for (const name of COLLECTION_NAMES) {
      const globs = mapping[`./${schemaPath(name)}`];
      expect(globs, name).toBeDefined();
      const matched = (await glob(globs, { cwd: ROOT })).map((p) => p.split('\\').join('/')).sort();
      const expected = (await corpusFiles(ROOT)).filter((p) => p.startsWith(`content/${name}/`) && !p.split('/').at(-1)!.startsWith('_')).sort();
      expect(matched.filter((p) => !p.split('/').at(-1)!.startsWith('_')), name).toEqual(expected);
    }
  });
});
