/**
 * Keys of the caches: a hash of a file's bytes, and a hash of everything in the linter and its options that
 * can change a result. Apart from cache.ts so that a run answered by its run record (run-record.ts) does not
 * load what reading and writing the per-file cache needs.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { relative } from 'node:path';
import type { RunConfig } from './analyse.ts';

/** Bump when the layout of a cached entry changes; it is part of every key. */
export const FORMAT = 1;

export const contentHash = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('base64url');

let linterKey: string | undefined;

/** A hash of everything in the linter that can change a result. Computed once per process. */
export function linterFingerprint(): string {
  if (linterKey) return linterKey;
  const hash = createHash('sha256').update(`format ${FORMAT}\0node ${process.version}\0`);
  const src = new URL('../', import.meta.url);
  const walk = (dir: URL) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.isDirectory()) {
        if (entry.name !== 'fixtures') walk(new URL(`${entry.name}/`, dir));
      } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
        const url = new URL(entry.name, dir);
        hash.update(relative(src.pathname, url.pathname)).update('\0').update(readFileSync(url)).update('\0');
      }
    }
  };
  walk(src);
  // The parser and the schema library decide trees and messages as much as our own code does.
  const require = createRequire(import.meta.url);
  for (const pkg of ['unified', 'remark-parse', 'remark-gfm', 'remark-frontmatter', 'micromark', 'mdast-util-from-markdown', 'yaml', 'github-slugger', 'astro']) {
    try {
      hash.update(`${pkg}@${(JSON.parse(readFileSync(require.resolve(`${pkg}/package.json`), 'utf8')) as { version: string }).version}\0`);
    } catch {
      hash.update(`${pkg}@?\0`);
    }
  }
  linterKey = hash.digest('hex');
  return linterKey;
}

export function cacheKey(config: RunConfig): string {
  const severities = [...config.severities].sort(([a], [b]) => a.localeCompare(b));
  return createHash('sha256')
    .update(linterFingerprint())
    .update(JSON.stringify({ maxAge: config.maxAge, today: config.today, severities, site: process.env.KB_SITE_URL ?? '' }))
    .digest('hex')
    .slice(0, 24);
}

