/** Where a file lives decides what it is. */
import type { Kind } from './types.ts';

export interface Classified {
  kind: Kind;
  slug: string;
}

/** Classify a root-relative `/`-separated path. Files starting with `_` are drafts the corpus ignores. */
export function classify(path: string): Classified {
  const base = path.split('/').at(-1) ?? path;
  if (base.startsWith('_')) return { kind: 'other', slug: base };
  let m = /^content\/gotchas\/([^/]+)\/[^/]+\.md$/.exec(path);
  if (m) return { kind: 'gotcha', slug: m[1] };
  m = /^content\/profiles\/([^/]+)\.md$/.exec(path);
  if (m) return { kind: 'profile', slug: m[1] };
  m = /^content\/catalogs\/([^/]+)\.md$/.exec(path);
  if (m) return { kind: 'catalog', slug: m[1] };
  m = /^content\/references\/(.+)\.md$/.exec(path);
  if (m) return { kind: 'reference', slug: m[1] };
  // A translation: content/i18n/<locale>/<collection>/<the original's path in that collection>.md
  m = /^content\/i18n\/([a-z]{2}(?:-[a-z]{2})?\/(?:gotchas\/[^/]+\/[^/]+|profiles\/[^/]+|references\/.+))\.md$/.exec(path);
  if (m) return { kind: 'translation', slug: m[1] };
  m = /^scripts\/([^/]+\.sh(?:\.template)?)$/.exec(path);
  if (m) return { kind: 'template', slug: m[1] };
  // A rule's docs, published at /lint/<rule-id>/ from the same Markdown pipeline as content.
  m = /^lint\/src\/rules\/([^/]+)\/docs\.md$/.exec(path);
  if (m) return { kind: 'rule-doc', slug: m[1] };
  return { kind: 'other', slug: base };
}

/** The corpus, as globs relative to the project root: what files.ts `corpusFiles` lists (by a walk; a test holds the two equal). */
export const CORPUS_GLOBS = ['content/**/*.md', 'scripts/*.sh', 'scripts/*.sh.template', 'lint/src/rules/*/docs.md'];
