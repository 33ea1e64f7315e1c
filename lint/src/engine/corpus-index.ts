/**
 * One index of the whole corpus: every id, slug and anchor that a link or a frontmatter reference may
 * name. Built once after all files are parsed; every lookup is a Map/Set hit, so checking all links is
 * linear in the number of links.
 */
import type { LintFile } from './types.ts';
import { createHash } from 'node:crypto';

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

/**
 * A hash of everything a file rule may read from the index: ids with the paths that claim them, anchors,
 * catalog prefixes and retired ids, principle numbers and script names. The cache reuses a file rule's
 * findings only while this is unchanged, so a file rule must not reach other files through `page.file`
 * (that is for project rules, which always run); anything new a file rule needs from the index goes here too.
 */
export function indexFingerprint(index: CorpusIndex): string {
  const hash = createHash('sha256');
  const put = (...parts: (string | number)[]) => hash.update(parts.join('\u0001')).update('\u0000');
  const anchors = (page: IndexedPage) => [...page.anchors].join('\u0002');
  for (const [id, pages] of index.gotchas) put('g', id, pages.map((p) => p.file.path).join('\u0002'), anchors(pages[0]));
  for (const [slug, page] of index.profiles) put('p', slug, anchors(page));
  for (const [slug, page] of index.catalogs) put('c', slug, anchors(page), page.prefixes.join(','), page.retired.join(','));
  for (const [slug, page] of index.references) put('r', slug, anchors(page));
  put('n', ...index.principles);
  put('s', ...index.scripts.keys());
  return hash.digest('hex');
}
