/**
 * One index of the whole corpus: every id, slug and anchor that a link or a frontmatter reference may
 * name. Built once after all files are parsed; every lookup is a Map/Set hit, so checking all links is
 * linear in the number of links.
 */
import type { LintFile } from './types.ts';

export interface IndexedPage {
  file: LintFile;
  anchors: Set<string>;
}

export interface CorpusIndex {
  gotchas: Map<string, IndexedPage[]>;
  profiles: Map<string, IndexedPage>;
  catalogs: Map<string, IndexedPage & { prefixes: string[]; retired: string[] }>;
  references: Map<string, IndexedPage>;
  /** Principle numbers that have an anchor `principle-N` on `content/references/principles.md`. */
  principles: Set<number>;
  scripts: Map<string, LintFile>;
}

export function buildIndex(files: readonly LintFile[]): CorpusIndex {
  const index: CorpusIndex = {
    gotchas: new Map(),
    profiles: new Map(),
    catalogs: new Map(),
    references: new Map(),
    principles: new Set(),
    scripts: new Map(),
  };
  for (const file of files) {
    const page = { file, anchors: new Set(file.anchors.map((a) => a.id)) };
    const data = file.frontmatter.data;
    switch (file.kind) {
      case 'gotcha': {
        const id = typeof data.id === 'string' ? data.id : undefined;
        if (id) index.gotchas.set(id, [...(index.gotchas.get(id) ?? []), page]);
        break;
      }
      case 'profile':
        index.profiles.set(file.slug, page);
        break;
      case 'catalog':
        index.catalogs.set(file.slug, {
          ...page,
          prefixes: Array.isArray(data.prefixes) ? data.prefixes.map(String) : [],
          retired: Array.isArray(data.retired) ? data.retired.map(String) : [],
        });
        break;
      case 'reference':
        index.references.set(file.slug, page);
        if (file.slug === 'principles') {
          for (const a of file.anchors) {
            const m = /^principle-(\d+)$/.exec(a.id);
            if (m) index.principles.add(Number(m[1]));
          }
        }
        break;
      case 'template':
        index.scripts.set(file.path.slice('scripts/'.length), file);
        break;
    }
  }
  return index;
}

/** Ids known to the schemas: catalog and profile file names. */
export function knownIds(index: CorpusIndex) {
  return { catalogs: [...index.catalogs.keys()], platforms: [...index.profiles.keys()] };
}
