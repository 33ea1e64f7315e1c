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
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { Analysis, Finding, RunConfig } from './analyse.ts';
import { cacheFile, FORMAT } from './keys.ts';
import { keepNewest } from './prune.ts';

/** Configurations kept side by side (a CI job and a local run with other options need not evict each other). */
const KEEP = 4;
const NAME = /^[0-9a-f]{24}\.v8$/;

export interface CacheEntry extends Analysis {
  hash: string;
  /** Findings of the deferred rules and the index fingerprint they were computed against. */
  indexed?: { fingerprint: string; findings: Finding[] };
}

/** An entry as it sits on disk: the analysis stays serialized until a run asks for that file. */
interface Stored {
  hash: string;
  analysis: Uint8Array;
  indexed?: CacheEntry['indexed'];
}

/** An entry in the header: `[path, hash, length of its analysis's bytes, indexed findings]`, in file order. */
type HeaderEntry = [string, string, number, CacheEntry['indexed'] | undefined];
const LENGTH_BYTES = 4;

/** The entries of a cache file, or nothing when it is not one of this format or is cut short. */
function readLayout(data: Buffer): Map<string, Stored> | undefined {
  if (data.length < LENGTH_BYTES) return undefined;
  const headerEnd = LENGTH_BYTES + data.readUInt32LE(0);
  if (headerEnd > data.length) return undefined;
  const header = deserialize(data.subarray(LENGTH_BYTES, headerEnd)) as { format?: number; entries?: HeaderEntry[] };
  if (header.format !== FORMAT || !Array.isArray(header.entries)) return undefined;
  const stored = new Map<string, Stored>();
  let at = headerEnd;
  for (const [path, hash, length, indexed] of header.entries) {
    if (!Number.isInteger(length) || length < 0 || at + length > data.length) return undefined;
    stored.set(path, { hash, analysis: data.subarray(at, at + length), ...(indexed ? { indexed } : {}) });
    at += length;
  }
  return stored;
}

/** The buffers of a cache file holding `entries`, to be written one after another. */
function layout(entries: Map<string, CacheEntry>): Uint8Array[] {
  const header: HeaderEntry[] = [];
  const analyses: Uint8Array[] = [];
  for (const [path, entry] of entries) {
    const bytes = serializedAnalysis(entry);
    header.push([path, entry.hash, bytes.length, entry.indexed]);
    analyses.push(bytes);
  }
  const serializedHeader = serialize({ format: FORMAT, entries: header });
  const length = Buffer.alloc(LENGTH_BYTES);
  length.writeUInt32LE(serializedHeader.length, 0);
  return [length, serializedHeader, ...analyses];
}

/**
 * The serialized form of analyses that have one already: a worker sends its analyses serialized (it had to
 * serialize them to send them anyway), the main thread takes its own through the same form while the workers
 * are still busy, and entries read from disk keep theirs. Saving the cache then writes those bytes instead of
 * serializing five thousand summaries on the main thread after everything else is done.
 */
const serialized = new WeakMap<object, Uint8Array>();

/** An analysis from its serialized form, remembering that form for the next save. */
export function analysisFrom(bytes: Uint8Array): Analysis {
  const analysis = deserialize(bytes) as Analysis;
  serialized.set(analysis, bytes);
  return analysis;
}

/** An analysis that may still be in its serialized form (a pool keeps them so until its threads are gone). */
export function revived(result: Analysis | Uint8Array): Analysis {
  return result instanceof Uint8Array ? analysisFrom(result) : result;
}

function serializedAnalysis(analysis: Analysis): Uint8Array {
  const known = serialized.get(analysis);
  if (known) return known;
  const { summary, findings, deferred } = analysis;
  return serialize({ summary, findings, deferred } satisfies Analysis);
}

/** The cache entry of an analysis of bytes with `hash`, keeping the analysis's serialized form if it has one. */
export function cacheEntry(analysis: Analysis, hash: string, indexed: CacheEntry['indexed']): CacheEntry {
  const entry: CacheEntry = { summary: analysis.summary, findings: analysis.findings, deferred: analysis.deferred, hash, ...(indexed ? { indexed } : {}) };
  const known = serialized.get(analysis);
  if (known) serialized.set(entry, known);
  return entry;
}

export class LintCache {
  readonly file: string;
  private readonly stored: Map<string, Stored>;

  private constructor(file: string, stored: Map<string, Stored>) {
    this.file = file;
    this.stored = stored;
  }

  /** Open the cache for a configuration; an unreadable or corrupt file is an empty cache, never an error. */
  static async open(dir: string, config: RunConfig): Promise<LintCache> {
    const file = cacheFile(dir, config);
    let stored: Map<string, Stored> | undefined;
    try {
      stored = readLayout(await readFile(file));
    } catch {
      // Missing on the first run; anything else is rebuilt the same way.
    }
    return new LintCache(file, stored ?? new Map());
  }

  /** How many files the cache holds. */
  get size(): number {
    return this.stored.size;
  }

  /** The entry for a file with these bytes; a damaged entry is a miss. */
  get(path: string, hash: string): CacheEntry | undefined {
    const stored = this.stored.get(path);
    if (stored?.hash !== hash) return undefined;
    try {
      const entry: CacheEntry = { ...(deserialize(stored.analysis) as Analysis), hash, ...(stored.indexed ? { indexed: stored.indexed } : {}) };
      serialized.set(entry, stored.analysis);
      return entry;
    } catch {
      return undefined;
    }
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
      const buffers = layout(entries);
      const handle = await open(temporary, 'w');
      try {
        const { bytesWritten } = await handle.writev(buffers);
        const expected = buffers.reduce((n, b) => n + b.length, 0);
        if (bytesWritten !== expected) throw new Error(`short write to ${temporary}: ${bytesWritten} of ${expected} bytes`);
      } finally {
        await handle.close();
      }
      await rename(temporary, this.file);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    await keepNewest(dir, NAME, KEEP);
  }
}
