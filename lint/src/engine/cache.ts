/**
 * The on-disk cache of per-file work. One file per configuration under the cache folder, named by a key
 * over the linter's own source, its parser versions, Node's version and the run's options, so a changed rule,
 * an upgraded dependency or another `--max-age` never reads a stale entry. Inside, entries are keyed by path
 * and hold the content hash they were made from.
 *
 * What is kept is everything the rest of a run needs without the tree: the summary (frontmatter data and
 * positions, anchors, links, stamps), the findings of rules that did not need the index, and, for the rules
 * that did, their findings together with the fingerprint of the index they saw. Project rules always run
 * again, over all summaries.
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { Analysis, Finding, RunConfig } from './analyse.ts';
import { cacheKey, FORMAT } from './keys.ts';
import { keepNewest } from './prune.ts';

/** Configurations kept side by side (a CI job and a local run with other options need not evict each other). */
const KEEP = 4;
const NAME = /^[0-9a-f]{24}\.v8$/;

export interface CacheEntry extends Analysis {
  hash: string;
  /** Findings of the deferred rules and the index fingerprint they were computed against. */
  indexed?: { fingerprint: string; findings: Finding[] };
}

export class LintCache {
  readonly file: string;
  readonly entries: Map<string, CacheEntry>;

  private constructor(file: string, entries: Map<string, CacheEntry>) {
    this.file = file;
    this.entries = entries;
  }

  /** Where the cache of a configuration lives. */
  static fileFor(dir: string, config: RunConfig): string {
    return join(dir, `${cacheKey(config)}.v8`);
  }

  /** Open the cache for a configuration; an unreadable or corrupt file is an empty cache, never an error. */
  static async open(dir: string, config: RunConfig): Promise<LintCache> {
    const file = LintCache.fileFor(dir, config);
    let entries = new Map<string, CacheEntry>();
    try {
      const data = deserialize(await readFile(file)) as { format?: number; entries?: Map<string, CacheEntry> };
      if (data.format === FORMAT && data.entries instanceof Map) entries = data.entries;
    } catch {
      // Missing on the first run; anything else is rebuilt the same way.
    }
    return new LintCache(file, entries);
  }

  get(path: string, hash: string): CacheEntry | undefined {
    const entry = this.entries.get(path);
    return entry?.hash === hash ? entry : undefined;
  }

  /**
   * Replace the contents with `entries` and write them atomically (a temporary file renamed over the old
   * one), so a killed run or two runs at once leave either the old cache or the new one.
   */
  async save(entries: Map<string, CacheEntry>): Promise<void> {
    const dir = join(this.file, '..');
    await mkdir(dir, { recursive: true });
    const temporary = `${this.file}.${process.pid}.${Date.now()}.tmp`;
    try {
      await writeFile(temporary, serialize({ format: FORMAT, entries }));
      await rename(temporary, this.file);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    await keepNewest(dir, NAME, KEEP);
  }
}
