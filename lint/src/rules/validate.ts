/**
 * Frontmatter validation shared by the rules that own its fields: `frontmatter-schema` reports everything
 * except `sources` (owned by `source-url`) and `verified` stamps (owned by `verified-stamp`), so one bad
 * value yields one message under the rule whose docs explain it.
 */
import type { ZodType } from 'astro/zod';
import { CatalogSchema, GotchaSchema, ProfileSchema, ReferenceSchema, TemplateMetaSchema } from '../schema/index.ts';
import { knownIds, type CorpusIndex } from '../engine/corpus-index.ts';
import type { Kind, LintFile, Report } from '../engine/types.ts';

export interface FieldIssue {
  path: PropertyKey[];
  report: Report;
}

const cache = new WeakMap<LintFile, FieldIssue[]>();

/** The gotcha schema depends on the catalogs and profiles of the corpus, so build it once per index. */
const gotchaSchemas = new WeakMap<CorpusIndex, ZodType>();

function schemaFor(kind: Kind, index: CorpusIndex): ZodType | undefined {
  switch (kind) {
    case 'gotcha': {
      let schema = gotchaSchemas.get(index);
      if (!schema) gotchaSchemas.set(index, (schema = GotchaSchema(knownIds(index))));
      return schema;
    }
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

/** Every schema issue of a file, positioned at the YAML it concerns. Memoised per file. */
export function frontmatterIssues(file: LintFile, index: CorpusIndex): FieldIssue[] {
  const hit = cache.get(file);
  if (hit) return hit;
  const issues: FieldIssue[] = [];
  const schema = schemaFor(file.kind, index);
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
            message: missing ? `Missing required field ${where}` : `${issue.message} in ${where}`,
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
  if (path[0] === 'sources') return 'source-url';
  if (path.at(-1) === 'verified') return 'verified-stamp';
  return 'frontmatter-schema';
}
