/**
 * Keys of the caches: a hash of a file's bytes, and a hash of everything in the linter and its options that
 * can change a result. Apart from cache.ts so that a run answered by its run record (run-record.ts) does not
 * load what reading and writing the per-file cache needs.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunConfig } from './analyse.ts';

/** Bump when the layout of a cached entry changes; it is part of every key. */
export const FORMAT = 3;

export const contentHash = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('base64url');

let linterKey: string | undefined;

/** Packages whose versions decide trees, data and messages as much as our own code does. */
const PACKAGES = ['unified', 'remark-parse', 'remark-gfm', 'remark-frontmatter', 'micromark', 'mdast-util-from-markdown', 'yaml', 'js-yaml', 'github-slugger', 'astro'];

/**
 * A hash of everything in the linter that can change a result: its own source files and the versions of
 * the packages above. Computed once per process, and remembered between processes in a small file beside
 * the system's temporary files, under a signature of the same files' sizes and modification times: reading
 * and hashing the linter's sources was a quarter of what a re-run with nothing changed costs. Any touch of a
 * source file changes the signature, and the hash is then computed from the contents again.
 */
export function linterFingerprint(): string {
  if (linterKey) return linterKey;
  const src = fileURLToPath(new URL('../', import.meta.url));
  const require = createRequire(import.meta.url);
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
  const manifests = PACKAGES.map((pkg) => {
    try {
      return require.resolve(`${pkg}/package.json`);
    } catch {
      return undefined;
    }
  });
  const signature = createHash('sha256').update(`format ${FORMAT}\0node ${process.version}\0`);
  for (const file of [...sources, ...manifests]) {
    const info = file ? statSync(file, { throwIfNoEntry: false }) : undefined;
    signature.update(`${file}\0${info?.size}\0${info?.mtimeMs}\0`);
  }
  const memo = join(tmpdir(), `kb-lint-fingerprint-${createHash('sha256').update(src).digest('hex').slice(0, 16)}.json`);
  const sign = signature.digest('hex');
  try {
    const known = JSON.parse(readFileSync(memo, 'utf8')) as { signature?: string; fingerprint?: string };
    if (known.signature === sign && typeof known.fingerprint === 'string') return (linterKey = known.fingerprint);
  } catch {
    // No memo yet, or an unreadable one: compute below.
  }
  const hash = createHash('sha256').update(`format ${FORMAT}\0node ${process.version}\0`);
  for (const file of sources) hash.update(relative(src, file).split(sep).join('/')).update('\0').update(readFileSync(file)).update('\0');
  PACKAGES.forEach((pkg, i) => {
    const manifest = manifests[i];
    const version = manifest ? (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version : '?';
    hash.update(`${pkg}@${version}\0`);
  });
  linterKey = hash.digest('hex');
  try {
    const temporary = `${memo}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify({ signature: sign, fingerprint: linterKey }));
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
  const severities = [...config.severities].sort(([a], [b]) => a.localeCompare(b));
  return createHash('sha256')
    .update(linterFingerprint())
    .update(JSON.stringify({ maxAge: config.maxAge, today: config.today, severities, site: process.env.KB_SITE_URL ?? '' }))
    .digest('hex')
    .slice(0, 24);
}

