/**
 * Frontmatter validation shared by the rules that own its fields: `frontmatter-schema` reports everything
 * except `sources` (owned by `source-url`) and provenance — `verified`, `carried_over`, a source's `quote` and
 * `checked` (owned by `verified-stamp`) — so one bad value yields one message under the rule whose docs
 * explain it.
 */
import type { ZodType } from 'astro/zod';
import { CatalogSchema, GotchaSchema, ProfileSchema, ReferenceSchema, TemplateMetaSchema, TranslationSchema, type TranslatableCollection } from '../schema/index.ts';
import { knownIds, type CorpusIndex } from '../engine/corpus-index.ts';
import type { Kind, LintFile, Report } from '../engine/types.ts';

export interface FieldIssue {
  path: PropertyKey[];
  report: Report;
}

const cache = new WeakMap<LintFile, FieldIssue[]>();

/** The gotcha schema depends on the catalogs and profiles of the corpus, so build it once per index. */
const gotchaSchemas = new WeakMap<CorpusIndex, ZodType>();
/**
 * Building a zod schema costs more than validating a file with it: each is built once per thread. The gotcha
 * schema without an index leaves out the known-id checks (see `passesWithoutIndex`).
 */
let openGotchaSchema: ZodType | undefined;
const fixedSchemas = new Map<Kind, ZodType | undefined>();

/** A translation's schema is its collection's plus `translates` (schema/translation.ts), built once per collection and index. */
const translationSchemas = new Map<string, ZodType>();
const translationIndexes = new WeakMap<CorpusIndex, Map<string, ZodType>>();

/** The collection a translation belongs to, from its slug `<locale>/<collection>/…`. */
export const translationCollection = (slug: string) => slug.split('/')[1] as TranslatableCollection;

function translationSchema(slug: string, index: CorpusIndex | undefined): ZodType {
  const collection = translationCollection(slug);
  let byCollection = index ? translationIndexes.get(index) : translationSchemas;
  if (!byCollection) translationIndexes.set(index!, (byCollection = new Map()));
  let schema = byCollection.get(collection);
  if (!schema) byCollection.set(collection, (schema = TranslationSchema(collection, index ? knownIds(index) : {})));
  return schema;
}

function schemaFor(kind: Kind, index: CorpusIndex | undefined, slug = ''): ZodType | undefined {
  switch (kind) {
    case 'translation':
      return translationSchema(slug, index);
    case 'gotcha': {
      if (!index) return (openGotchaSchema ??= GotchaSchema());
      let schema = gotchaSchemas.get(index);
      if (!schema) gotchaSchemas.set(index, (schema = GotchaSchema(knownIds(index))));
      return schema;
    }
    default:
      if (!fixedSchemas.has(kind)) fixedSchemas.set(kind, fixedSchema(kind));
      return fixedSchemas.get(kind);
  }
}

function fixedSchema(kind: Kind): ZodType | undefined {
  switch (kind) {
    case 'profile':
      return ProfileSchema();
    case 'catalog':
      return CatalogSchema();
    case 'reference':
      return ReferenceSchema();
    case 'template':
      return TemplateMetaSchema();
    default:
      return undefined;
  }
}

/**
 * Whether a file's frontmatter passes its schema as far as that can be told without the corpus index: the
 * gotcha schema without its known-id checks (the other schemas do not use the index). Run where the file is
 * parsed, on any thread, so the main thread later only checks the ids (`frontmatterIssues`).
 */
export function passesWithoutIndex(file: LintFile): boolean {
  const schema = schemaFor(file.kind, undefined, file.slug);
  return schema !== undefined && file.frontmatter.present && file.frontmatter.problems.length === 0 && schema.safeParse(file.frontmatter.data).success;
}

/** For a file that passes without the index: whether the ids the index knows (catalog, platforms) check out too. */
function idsKnown(file: LintFile, index: CorpusIndex): boolean {
  if (file.kind !== 'gotcha' && !(file.kind === 'translation' && translationCollection(file.slug) === 'gotchas')) return true;
  const data = file.frontmatter.data as { catalog: string; platforms: string[] };
  return index.catalogs.has(data.catalog) && data.platforms.every((p) => p === 'all' || index.profiles.has(p));
}

/** Every schema issue of a file, positioned at the YAML it concerns. Memoised per file. */
export function frontmatterIssues(file: LintFile, index: CorpusIndex): FieldIssue[] {
  const hit = cache.get(file);
  if (hit) return hit;
  // The strict gotcha schema is the one without the index plus the known-id checks: a file that passed the
  // first where it was parsed, with known ids, passes the second, and zod need not run again here.
  if (file.passesWithoutIndex && idsKnown(file, index)) {
    cache.set(file, []);
    return [];
  }
  const issues: FieldIssue[] = [];
  const schema = schemaFor(file.kind, index, file.slug);
  if (schema && file.frontmatter.present && file.frontmatter.problems.length === 0) {
    const result = schema.safeParse(file.frontmatter.data);
    if (!result.success) {
      for (const issue of result.error.issues) {
        const path = issue.path as PropertyKey[];
        const where = path.length ? `\`${path.map(String).join('.')}\`` : 'frontmatter';
        if (issue.code === 'unrecognized_keys') {
          for (const key of issue.keys) {
            issues.push({
              path: [...path, key],
              report: { message: `Unexpected field \`${[...path, key].map(String).join('.')}\``, place: file.frontmatter.keyPositionOf([...path, key]), note: 'Unknown fields are errors so a typo never passes silently; see docs/AUTHORING.md for the fields.' },
            });
          }
          continue;
        }
        const missing = issue.code === 'invalid_type' && getAt(file.frontmatter.data, path) === undefined;
        issues.push({
          path,
          report: {
            // A cross-field refinement names its fields itself (`params.named`), so it is not suffixed.
            message: missing ? `Missing required field ${where}` : (issue as { params?: { named?: boolean } }).params?.named ? issue.message : `${issue.message} in ${where}`,
            place: missing ? file.frontmatter.positionOf(path.slice(0, -1)) : file.frontmatter.positionOf(path),
          },
        });
      }
    }
  }
  cache.set(file, issues);
  return issues;
}

function getAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = data;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[seg];
  }
  return cur;
}

/** Which rule owns a field path. */
export function ownerOf(path: readonly PropertyKey[]): 'source-url' | 'verified-stamp' | 'frontmatter-schema' {
  // A source's `quote` and `checked` are provenance, documented with the stamp they back.
  if (path[0] === 'sources' && (path[2] === 'quote' || path[2] === 'checked')) return 'verified-stamp';
  if (path[0] === 'sources') return 'source-url';
  if (path.at(-1) === 'verified' || path[0] === 'carried_over') return 'verified-stamp';
  return 'frontmatter-schema';
}
