/**
 * `--check-links`: fetch each source URL once and report the dead ones. HEAD first (cheap), GET when a server
 * refuses HEAD; a timeout per request; retries with backoff for network errors and 5xx; results cached on disk
 * so a re-run within the cache window touches the network only for new URLs.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeAtomic } from '../fix.ts';

export interface LinkStatus {
  ok: boolean;
  /** HTTP status of the final answer, when there was one. */
  status?: number;
  /** Network-level failure (timeout, DNS, refused). */
  error?: string;
  /** When it was checked, ISO time. */
  checkedAt: string;
}

export interface CheckOptions {
  /** JSON file keeping results between runs; none when omitted. */
  cacheFile?: string;
  /** Reuse cached results younger than this many hours (default 24 * 7). */
  maxCacheAgeHours?: number;
  timeoutMs?: number;
  retries?: number;
  /** Parallel requests (default 8). */
  concurrency?: number;
  /** For tests: the fetch implementation and the clock. */
  fetch?: typeof fetch;
  now?: () => Date;
  /** Base delay of the exponential backoff between retries, ms (default 500). */
  backoffMs?: number;
}

/** Statuses where a GET may succeed although HEAD did not (servers that do not implement HEAD). */
const RETRY_WITH_GET = new Set([403, 404, 405, 501]);

async function once(url: string, method: 'HEAD' | 'GET', opts: Required<Pick<CheckOptions, 'timeoutMs'>> & { fetch: typeof fetch }) {
  const res = await opts.fetch(url, { method, redirect: 'follow', signal: AbortSignal.timeout(opts.timeoutMs), headers: { 'user-agent': 'kb-lint link check' } });
  // Do not download bodies: the status is all we need.
  await res.body?.cancel().catch(() => {});
  return res.status;
}

/** Check one URL: HEAD, then GET if HEAD was refused; retry transient failures. */
export async function checkUrl(url: string, options: CheckOptions = {}): Promise<LinkStatus> {
  const f = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const retries = options.retries ?? 2;
  const backoff = options.backoffMs ?? 500;
  const now = options.now ?? (() => new Date());
  let last: LinkStatus = { ok: false, error: 'not checked', checkedAt: now().toISOString() };
  for (let attempt = 0; attempt <= retries; attempt++) {
    if (attempt > 0) await new Promise((r) => setTimeout(r, backoff * 2 ** (attempt - 1)));
    try {
      let status = await once(url, 'HEAD', { fetch: f, timeoutMs });
      if (RETRY_WITH_GET.has(status)) status = await once(url, 'GET', { fetch: f, timeoutMs });
      last = { ok: status < 400, status, checkedAt: now().toISOString() };
      // 4xx is an answer; only 5xx and 429 are worth asking again.
      if (status < 500 && status !== 429) return last;
    } catch (error) {
      const e = error as Error & { cause?: { code?: string } };
      last = { ok: false, error: e.name === 'TimeoutError' ? `timed out after ${timeoutMs} ms` : (e.cause?.code ?? e.message), checkedAt: now().toISOString() };
    }
  }
  return last;
}

async function readCache(file: string | undefined): Promise<Record<string, LinkStatus>> {
  if (!file) return {};
  try {
    const data = JSON.parse(await readFile(file, 'utf8'));
    return data && typeof data === 'object' ? data : {};
  } catch {
    return {};
  }
}

/** Check many URLs, each once, with a concurrency limit and the on-disk cache. */
export async function checkUrls(urls: readonly string[], options: CheckOptions = {}): Promise<Map<string, LinkStatus>> {
  const now = options.now ?? (() => new Date());
  const maxAge = (options.maxCacheAgeHours ?? 24 * 7) * 3600_000;
  const cache = await readCache(options.cacheFile);
  const unique = [...new Set(urls)];
  const results = new Map<string, LinkStatus>();
  const todo: string[] = [];
  for (const url of unique) {
    const hit = cache[url];
    // Only good results are trusted from the cache: a dead link is asked again so a fix shows at once.
    if (hit?.ok && now().getTime() - Date.parse(hit.checkedAt) < maxAge) results.set(url, hit);
    else todo.push(url);
  }
  let next = 0;
  const worker = async () => {
    while (next < todo.length) {
      const url = todo[next++];
      results.set(url, await checkUrl(url, options));
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 8, todo.length) }, worker));
  if (options.cacheFile) {
    const merged = { ...cache, ...Object.fromEntries(results) };
    const sorted = Object.fromEntries(Object.entries(merged).sort(([a], [b]) => a.localeCompare(b)));
    await mkdir(dirname(options.cacheFile), { recursive: true });
    await writeAtomic(options.cacheFile, `${JSON.stringify(sorted, null, 2)}\n`);
  }
  return results;
}
