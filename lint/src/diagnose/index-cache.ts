/**
 * The diagnosis index, kept between calls (Node only). Building it parses and checks all of content/ (over a
 * second); reading it back is a JSON parse. The cache is keyed by the bytes of every content file and of the
 * code that builds the index, so any edit, added or removed page, or change to the builder rebuilds it.
 * Hashing ~2 MB costs a few milliseconds a call, so a first look compares the files' status (size, inode,
 * change time: a write or a `touch` of any kind moves the change time, which no user can set back) with
 * the status recorded at the last hash, and reads the bytes only when that differs.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { corpusFiles } from '../files.ts';
import { readAllFrom } from '../engine/read.ts';
import type { DiagnosisIndex } from './index-data.ts';

/** The modules whose code decides what the index holds; a change to any of them makes old caches stale. */
const BUILDER = ['index-data.ts', 'lines.ts', 'symptom.ts', 'from-corpus.ts', 'evidence.ts'].map((f) => join(import.meta.dirname, f));

export const CACHE_FILE = join('.cache', 'kb-lint', 'diagnosis-index.json');

/** The key of the index `root`'s content would build: content paths and bytes, and the builder's code. */
export async function contentKey(root: string, paths?: readonly string[]): Promise<string> {
  const hash = createHash('sha256');
  for (const file of BUILDER) hash.update(readFileSync(file)).update('\0');
  // Through the linter's reader: a FIFO must not block the hash, nor a link out of the tree feed it.
  const content = (paths ?? (await corpusFiles(root))).filter((p) => p.startsWith('content/'));
  readAllFrom(root, content).forEach(({ bytes, error }, i) => {
    hash.update(content[i]!).update('\0');
    hash.update(error ? `<refused: ${error}>` : bytes); // the loader below reports a refusal
    hash.update('\0');
  });
  return hash.digest('hex');
}

/** The files' status, cheap to read: changes whenever any of them may have changed (and sometimes when not). */
export async function statusKey(root: string, paths?: readonly string[]): Promise<string> {
  const hash = createHash('sha256');
  const status = (file: string) => {
    try {
      const s = statSync(file, { bigint: true });
      hash.update(`${file}\0${s.size}\0${s.ino}\0${s.ctimeNs}\0${s.mtimeNs}\n`);
    } catch {
      hash.update(`${file}\0<missing>\n`);
    }
  };
  for (const file of BUILDER) status(file);
  for (const path of paths ?? (await corpusFiles(root))) if (path.startsWith('content/')) status(join(root, path));
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
  const file = join(root, CACHE_FILE);
  let stored: { key?: string; status?: string; index?: DiagnosisIndex } = {};
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (parsed && typeof parsed === 'object') stored = parsed;
  } catch {
    // missing or unreadable: rebuilt below
  }
  const paths = await corpusFiles(root);
  const status = await statusKey(root, paths);
  const valid = stored.index?.version === 1;
  if (valid && stored.status === status) return { index: stored.index!, hit: true };
  // The status moved: only the bytes say whether the content did.
  const key = await contentKey(root, paths);
  const index = valid && stored.key === key ? stored.index! : await build();
  try {
    mkdirSync(join(root, '.cache', 'kb-lint'), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify({ key, status, index }));
    renameSync(tmp, file);
  } catch {
    // A read-only checkout still answers; it only builds again next time.
  }
  if (index === stored.index) return { index, hit: true };
  return { index, hit: false };
}
