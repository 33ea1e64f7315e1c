/**
 * The corpus as the exporters need it: every file parsed once by the linter's engine, checked by the rules
 * whose failures would make an export wrong (unreadable files, bad frontmatter, dangling links, duplicate
 * ids), then typed through the content model's schemas so defaults are filled in exactly as the site fills
 * them. Staleness and style rules do not block an export: an old stamp is still the best fact we have.
 */
import type { ZodType } from 'astro/zod';
import { lintParsed, type Finding } from '../engine/run.ts';
import { fileFromRead } from '../engine/load.ts';
import { readAllFrom } from '../engine/read.ts';
import { knownIds, type CorpusIndex } from '../engine/corpus-index.ts';
import type { LintFile, SeveritySetting } from '../engine/types.ts';
import { corpusFiles } from '../files.ts';
import { RULES } from '../rules/index.ts';
import { ruleUrl } from '../site-url.ts';
import { currentMonth } from '../schema/verified.ts';
import {
  CatalogSchema,
  GotchaSchema,
  ProfileSchema,
  ReferenceSchema,
  TemplateMetaSchema,
  type Catalog,
  type Gotcha,
  type Profile,
  type Reference,
  type TemplateMeta,
} from '../schema/index.ts';

/** Rules whose errors mean the export would contain wrong facts or broken links. */
export const BLOCKING_RULES = ['readable-file', 'frontmatter-schema', 'source-url', 'gotcha-placement', 'cross-ref', 'id-unique'] as const;

export interface Page<T> {
  file: LintFile;
  data: T;
}

export interface Template {
  /** File name under scripts/ (`run_one.sh.template`). */
  name: string;
  file: LintFile;
  meta: TemplateMeta;
  /** The file exactly as stored, for byte-for-byte copies. */
  bytes: Uint8Array;
}

export interface Corpus {
  index: CorpusIndex;
  /** Published gotchas (drafts have no page on the site either), grouped as in `byCatalog`. */
  gotchas: Page<Gotcha>[];
  profiles: Page<Profile>[];
  catalogs: Page<Catalog>[];
  references: Page<Reference>[];
  templates: Template[];
  /** Each catalog's published gotchas: the catalog's own prefix order, then by number (U2 before U10). */
  byCatalog: Map<string, Page<Gotcha>[]>;
  /** With a locale: which pages are in its words, and which translations were left out as behind. */
  localized?: Localized;
}

/** What a language edition changed in a corpus (export/locale.ts does the swapping). */
export interface Localized {
  /** English files exported in the locale's words, by the translation that supplied them. */
  used: { original: string; translation: string }[];
  /** Translations left out because their original changed since: those pages are exported in English. */
  behind: { original: string; translation: string }[];
}

/** Export refused: the findings say where and why, in the linter's own words. */
export class ExportError extends Error {
  readonly findings: Finding[];
  constructor(findings: Finding[]) {
    super(`${findings.length} problem(s) in the content stop the export`);
    this.findings = findings;
  }
}

const byOrder = <T extends { order: number; title: string }>(a: Page<T>, b: Page<T>) =>
  a.data.order - b.data.order || a.data.title.localeCompare(b.data.title, 'en') || a.file.path.localeCompare(b.file.path, 'en');

/** Split `RP-G4` into its prefix and number. */
export function splitId(id: string): { prefix: string; number: number } {
  const m = /^(.*?)(\d+)$/.exec(id);
  return m ? { prefix: m[1], number: Number(m[2]) } : { prefix: id, number: 0 };
}

function typed<T>(file: LintFile, schema: ZodType<T>, problems: Finding[]): T | undefined {
  const parsed = schema.safeParse(file.frontmatter.data);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    const at = file.frontmatter.positionOf(issue.path as PropertyKey[]).start;
    problems.push({ file: file.path, line: at.line, column: at.column, ruleId: 'frontmatter-schema', severity: 'error', message: issue.message, url: ruleUrl('frontmatter-schema') });
  }
  return undefined;
}

/**
 * Read, check and type the corpus under `root`. Throws `ExportError` listing every blocking problem at once
 * (so one run shows them all), never a half-built corpus. With `locale`, translated pages come in that
 * language (export/locale.ts); without it the corpus is English, whatever translations exist.
 */
// The language step is handed in (export/locale.ts's `localizer`) rather than imported, so that locale.ts,
// which works on a Corpus, and this file do not import each other.
export async function loadCorpus(root: string, options: { localize?: (corpus: Corpus, files: readonly LintFile[]) => Localized } = {}): Promise<Corpus> {
  const paths = await corpusFiles(root);
  // The linter's own reader, refusals and all: a page linked in from outside the repository, a FIFO or an
  // oversized file becomes a readable-file finding that stops the export (and `diagnose`, and the MCP
  // server, which load through here) instead of being published or waited on.
  const reads = readAllFrom(root, paths);
  const raw = new Map(paths.map((p, i) => [p, reads[i].bytes]));
  const files = paths.map((p, i) => fileFromRead(p, reads[i]));
  const severities = new Map<string, SeveritySetting>(RULES.filter((r) => !(BLOCKING_RULES as readonly string[]).includes(r.id)).map((r) => [r.id, 'off']));
  // Age rules are off, so the month given here decides nothing.
  const { findings, index } = await lintParsed(files, { root, maxAge: 6, today: currentMonth(), severities });
  const problems = findings.filter((f) => f.severity === 'error');
  if (problems.length) throw new ExportError(problems);

  const gotchaSchema = GotchaSchema(knownIds(index));
  const corpus: Corpus = { index, gotchas: [], profiles: [], catalogs: [], references: [], templates: [], byCatalog: new Map() };
  for (const file of files) {
    switch (file.kind) {
      case 'gotcha': {
        const data = typed(file, gotchaSchema, problems);
        if (data && !data.draft) corpus.gotchas.push({ file, data });
        break;
      }
      case 'profile': {
        const data = typed(file, ProfileSchema(), problems);
        if (data) corpus.profiles.push({ file, data });
        break;
      }
      case 'catalog': {
        const data = typed(file, CatalogSchema(), problems);
        if (data) corpus.catalogs.push({ file, data });
        break;
      }
      case 'reference': {
        const data = typed(file, ReferenceSchema(), problems);
        if (data) corpus.references.push({ file, data });
        break;
      }
      case 'template': {
        const meta = typed(file, TemplateMetaSchema(), problems);
        if (meta) corpus.templates.push({ name: file.slug, file, meta, bytes: raw.get(file.path) ?? new Uint8Array() });
        break;
      }
    }
  }
  if (problems.length) throw new ExportError(problems);

  corpus.profiles.sort(byOrder);
  corpus.catalogs.sort(byOrder);
  corpus.references.sort(byOrder);
  corpus.templates.sort((a, b) => a.name.localeCompare(b.name, 'en'));
  for (const catalog of corpus.catalogs) {
    const prefixes = catalog.data.prefixes;
    const rank = (id: string) => {
      const { prefix } = splitId(id);
      const at = prefixes.indexOf(prefix);
      return at === -1 ? prefixes.length : at;
    };
    const own = corpus.gotchas
      .filter((g) => g.data.catalog === catalog.file.slug)
      .sort((a, b) => rank(a.data.id) - rank(b.data.id) || splitId(a.data.id).prefix.localeCompare(splitId(b.data.id).prefix, 'en') || splitId(a.data.id).number - splitId(b.data.id).number);
    corpus.byCatalog.set(catalog.file.slug, own);
  }
  corpus.gotchas = corpus.catalogs.flatMap((c) => corpus.byCatalog.get(c.file.slug) ?? []);
  if (options.localize) corpus.localized = options.localize(corpus, files);
  return corpus;
}
