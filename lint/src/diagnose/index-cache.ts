/**
 * The diagnosis index, kept between calls (Node only). Building it parses and checks all of content/ (over a
 * second); reading it back is a JSON parse. The cache is keyed by the bytes of every content file and of the
 * code that builds the index, so any edit, added or removed page, or change to the builder rebuilds it: a
 * hash of ~2 MB costs a few milliseconds, where file times would miss a copy that keeps them.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { corpusFiles } from '../files.ts';
import type { DiagnosisIndex } from './index-data.ts';

/** The modules whose code decides what the index holds; a change to any of them makes old caches stale. */
const BUILDER = ['index-data.ts', 'lines.ts', 'symptom.ts', 'from-corpus.ts', 'evidence.ts'].map((f) => join(import.meta.dirname, f));

export const CACHE_FILE = join('.cache', 'kb-lint', 'diagnosis-index.json');

/** The key of the index `root`'s content would build: content paths and bytes, and the builder's code. */
export async function contentKey(root: string): Promise<string> {
  const hash = createHash('sha256');
  for (const file of BUILDER) hash.update(readFileSync(file)).update('\0');
  for (const path of await corpusFiles(root)) {
    if (!path.startsWith('content/')) continue;
    hash.update(path).update('\0');
    try {
      hash.update(readFileSync(join(root, path)));
    } catch {
      hash.update('<unreadable>'); // the loader below reports it
    }
    hash.update('\0');
  }
  return hash.digest('hex');
}

export interface CachedIndex {
  index: DiagnosisIndex;
  /** Whether it came from the cache file (false: built now, and written unless caching is off). */
  hit: boolean;
}

/**
 * The index of `root`'s content: from `<root>/.cache/kb-lint/diagnosis-index.json` when its key matches,
 * otherwise built with the linter's loader and written back (atomically: a reader never sees half a file).
 * `cache: false` neither reads nor writes it.
 */
export async function cachedDiagnosisIndex(root: string, { cache = true } = {}): Promise<CachedIndex> {
  const build = async () => (await import('./from-corpus.ts')).loadDiagnosisIndex(root);
  if (!cache) return { index: await build(), hit: false };
  const key = await contentKey(root);
  const file = join(root, CACHE_FILE);
  try {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { key?: string; index?: DiagnosisIndex };
    if (stored.key === key && stored.index?.version === 1) return { index: stored.index, hit: true };
  } catch {
    // missing or unreadable: rebuilt below
  }
  const index = await build();
  try {
    mkdirSync(join(root, '.cache', 'kb-lint'), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify({ key, index }));
    renameSync(tmp, file);
  } catch {
    // A read-only checkout still answers; it only builds again next time.
  }
  return { index, hit: false };
}
