/**
 * The on-disk cache of per-file work, in the style of ESLint's file-entry cache: one file,
 * `.cache/kb-lint/lint.cache`, holding for every path the content hash it was made from and what the rest of
 * a run needs without the tree (the summary, the findings of rules that did not need the index, and the
 * findings of those that did, with the fingerprint of the index they saw). Project rules always run again.
 *
 * The file starts with a digest of the rest. A cache that was cut short, flipped by a disk or edited by hand
 * fails the digest and is read as empty, so a damaged cache costs speed, never a wrong report. It is written
 * with `node:v8` rather than JSON because frontmatter data holds Dates (js-yaml reads `2026-06-01` as one,
 * as Astro does), which JSON would turn into strings.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { Analysis, Finding } from './findings.ts';

export interface CacheEntry extends Analysis {
  hash: string;
  /** Findings of the deferred rules and the index fingerprint they were computed against. */
  indexed?: { fingerprint: string; findings: Finding[] };
}

interface Stored {
  /** The linter and options the entries were made under (keys.ts `cacheKey`). */
  key: string;
  entries: Record<string, CacheEntry>;
}

const DIGEST_BYTES = 32;
const digest = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest();

/** The hash a cache entry is keyed by. */
export const contentHash = (bytes: Uint8Array) => createHash('sha1').update(bytes).digest('hex');

export class LintCache {
  readonly file: string;
  private readonly key: string;
  private readonly entries: Map<string, CacheEntry>;

  private constructor(file: string, key: string, entries: Map<string, CacheEntry>) {
    this.file = file;
    this.key = key;
    this.entries = entries;
  }

  /** The cache under `dir` for a key; missing, damaged or made under another key, it is empty. Never throws. */
  static async open(dir: string, key: string): Promise<LintCache> {
    const file = join(dir, 'lint.cache');
    let entries = new Map<string, CacheEntry>();
    try {
      const data = await readFile(file);
      const body = data.subarray(DIGEST_BYTES);
      if (digest(body).equals(data.subarray(0, DIGEST_BYTES))) {
        const stored = deserialize(body) as Stored;
        if (stored.key === key) entries = new Map(Object.entries(stored.entries));
      }
    } catch {
      // Missing on the first run; anything unreadable is rebuilt the same way.
    }
    return new LintCache(file, key, entries);
  }

  get size(): number {
    return this.entries.size;
  }

  /** The entry for a file with these bytes, if the cache has one. */
  get(path: string, hash: string): CacheEntry | undefined {
    const entry = this.entries.get(path);
    return entry?.hash === hash ? entry : undefined;
  }

  /** Replace the contents with `entries` and write them atomically (a temporary file renamed over the old one). */
  async save(entries: Map<string, CacheEntry>): Promise<void> {
    const body = serialize({ key: this.key, entries: Object.fromEntries(entries) } satisfies Stored);
    const temporary = `${this.file}.${process.pid}.tmp`;
    try {
      await mkdir(join(this.file, '..'), { recursive: true });
      await writeFile(temporary, Buffer.concat([digest(body), body]));
      await rename(temporary, this.file);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }
}
