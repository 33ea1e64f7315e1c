/**
 * The key a cache is valid under: a hash of the linter's own source files, the versions of the packages that
 * decide trees, data and messages, Node's version and the run's options. Any change to one of them makes
 * every cached entry a miss. Hashing the ~100 source files takes a few milliseconds, so it is done every run
 * rather than remembered anywhere.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunConfig } from './findings.ts';
import { SITE_URL } from '../site-url.ts';

/** Bump when the layout of a cached entry changes. */
const FORMAT = 5;

/** Packages whose versions decide trees, data and messages as much as our own code does. */
const PACKAGES = ['unified', 'remark-parse', 'remark-gfm', 'remark-frontmatter', 'micromark', 'mdast-util-from-markdown', 'yaml', 'js-yaml', 'github-slugger', 'astro', 'zod', 're2js'];

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (entry.isDirectory()) {
      if (entry.name !== 'fixtures') sourceFiles(join(dir, entry.name), out);
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) out.push(join(dir, entry.name));
  }
  return out;
}

let linterKey: string | undefined;

/** A hash of everything in the linter that can change a result; computed once per process. */
export function linterFingerprint(): string {
  if (linterKey) return linterKey;
  const src = fileURLToPath(new URL('../', import.meta.url));
  const hash = createHash('sha256').update(`format ${FORMAT}\0node ${process.version}\0`);
  for (const file of sourceFiles(src)) hash.update(relative(src, file).split(sep).join('/')).update('\0').update(readFileSync(file)).update('\0');
  const require = createRequire(import.meta.url);
  for (const pkg of PACKAGES) {
    let version = '?';
    try {
      version = (JSON.parse(readFileSync(require.resolve(`${pkg}/package.json`), 'utf8')) as { version: string }).version;
    } catch {
      // Not installed, or not exporting its manifest: the rest of the key still changes with it.
    }
    hash.update(`${pkg}@${version}\0`);
  }
  return (linterKey = hash.digest('hex'));
}

/** The cache key of a run: the linter and every option that can change a finding. */
export function cacheKey(config: RunConfig): string {
  const severities = [...config.severities].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash('sha256')
    .update(linterFingerprint())
    .update(JSON.stringify({ maxAge: config.maxAge, today: config.today, severities, site: SITE_URL }))
    .digest('hex');
}
