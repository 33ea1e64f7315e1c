/**
 * Keys of the caches: a hash of a file's bytes, and a hash of everything in the linter and its options that
 * can change a result. Apart from cache.ts so that a run answered by its run record (run-record.ts) does not
 * load what reading and writing the per-file cache needs.
 */
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunConfig } from './analyse.ts';
import { digestBytes, digester } from './digest.ts';
// Builtins through process.getBuiltinModule, not import: see lint/src/cli.ts.
const { readdirSync, readFileSync, renameSync, statSync, writeFileSync } = process.getBuiltinModule('node:fs');

/** Bump when the layout of a cached entry changes; it is part of every key. */
export const FORMAT = 4;

export const contentHash = digestBytes;

let linterKey: string | undefined;

/** Packages whose versions decide trees, data and messages as much as our own code does. */
const PACKAGES = ['unified', 'remark-parse', 'remark-gfm', 'remark-frontmatter', 'micromark', 'mdast-util-from-markdown', 'yaml', 'js-yaml', 'github-slugger', 'astro'];

/** What is remembered between processes, in a small file beside the system's temporary files. */
interface Memo {
  signature?: string;
  fingerprint?: string;
  /** Where PACKAGES' manifests resolved (null: not installed). */
  manifests?: (string | null)[];
}

/**
 * npm's own record of an install (`node_modules/.package-lock.json`), rewritten by every install. Part of
 * the signature because the memo keeps where the packages resolved: an install can change where Node would
 * resolve one (a copy added or removed elsewhere) without touching the manifests the memo lists.
 */
export const installRecord = (manifests: readonly (string | null)[]) => {
  const first = manifests.find((m) => m !== null);
  const at = first?.lastIndexOf(`${sep}node_modules${sep}`) ?? -1;
  return first && at >= 0 ? join(first.slice(0, at), 'node_modules', '.package-lock.json') : undefined;
};

/** A hash of each file's path, size and modification time (a missing file counts as such). */
export function fileSignature(files: readonly (string | null | undefined)[]): string {
  const signature = digester().update(`format ${FORMAT}\0node ${process.version}\0`);
  for (const file of files) {
    const info = file ? statSync(file, { throwIfNoEntry: false }) : undefined;
    signature.update(`${file}\0${info?.size}\0${info?.mtimeMs}\0`);
  }
  return signature.digest();
}

/**
 * A hash of everything in the linter that can change a result: its own source files and the versions of
 * the packages above. Computed once per process, and remembered between processes under a signature of the
 * sizes and modification times of the same files and of npm's install record: reading and hashing the
 * linter's sources was a quarter of what a re-run with nothing changed costs, and resolving the packages
 * through Node's resolver another 8 ms, so the memo also keeps where they resolved. Any touch of a source
 * file or any install changes the signature, and everything is then computed from the contents again.
 */
export function linterFingerprint(): string {
  if (linterKey) return linterKey;
  const src = fileURLToPath(new URL('../', import.meta.url));
  const sources: string[] = [];
  const walk = (dir: string) => {
    // Code-unit order: localeCompare goes through ICU, a few milliseconds of every re-run for nothing.
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (entry.isDirectory()) {
        if (entry.name !== 'fixtures') walk(join(dir, entry.name));
      } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
        sources.push(join(dir, entry.name));
      }
    }
  };
  walk(src);
  const signatureOf = (manifests: readonly (string | null)[]) => fileSignature([...sources, ...manifests, installRecord(manifests)]);
  const memo = join(tmpdir(), `kb-lint-fingerprint-${digester().update(src).digest().slice(0, 16)}.json`);
  let known: Memo = {};
  try {
    known = JSON.parse(readFileSync(memo, 'utf8')) as Memo;
  } catch {
    // No memo yet, or an unreadable one: compute below.
  }
  if (Array.isArray(known.manifests) && known.manifests.length === PACKAGES.length && typeof known.fingerprint === 'string') {
    if (known.signature === signatureOf(known.manifests)) return (linterKey = known.fingerprint);
  }
  const require = createRequire(import.meta.url);
  const manifests = PACKAGES.map((pkg) => {
    try {
      return require.resolve(`${pkg}/package.json`);
    } catch {
      return null;
    }
  });
  // Signed before the contents are read: a file edited meanwhile then fails the next run's check.
  const signature = signatureOf(manifests);
  const hash = digester().update(`format ${FORMAT}\0node ${process.version}\0`);
  for (const file of sources) hash.update(relative(src, file).split(sep).join('/')).update('\0').update(readFileSync(file)).update('\0');
  PACKAGES.forEach((pkg, i) => {
    const manifest = manifests[i];
    const version = manifest ? (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version : '?';
    hash.update(`${pkg}@${version}\0`);
  });
  linterKey = hash.digest();
  try {
    const temporary = `${memo}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify({ signature, fingerprint: linterKey, manifests } satisfies Memo));
    renameSync(temporary, memo);
  } catch {
    // A read-only temporary folder costs the next run a few milliseconds, nothing else.
  }
  return linterKey;
}

/** The per-file cache of a configuration under `dir` (engine/cache.ts reads and writes it). */
export function cacheFile(dir: string, config: RunConfig): string {
  return join(dir, `${cacheKey(config)}.v8`);
}

export function cacheKey(config: RunConfig): string {
  // Rule ids are ASCII: code-unit order, without waking ICU for localeCompare.
  const severities = [...config.severities].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return digester()
    .update(linterFingerprint())
    .update(JSON.stringify({ maxAge: config.maxAge, today: config.today, severities, site: process.env.KB_SITE_URL ?? '' }))
    .digest()
    .slice(0, 24);
}

