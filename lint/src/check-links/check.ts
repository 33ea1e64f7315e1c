/**
 * `--check-links`: ask once whether each source URL still answers, through the shared HTTP client (its
 * User-Agent, per-host pacing, timeouts, retries and cache), and say which ones are dead.
 */
import { HttpClient, type HttpOptions } from '../http/client.ts';
import { pool } from '../pool.ts';

export interface LinkStatus {
  ok: boolean;
  /** HTTP status of the final answer, when there was one. */
  status?: number;
  /** Why there was no good answer (timeout, DNS, redirect loop, HTTP 404), when there was none. */
  error?: string;
}

export interface CheckOptions extends HttpOptions {
  /** URLs asked at once (default 8); one host is still asked one URL at a time. */
  concurrency?: number;
}

/** Check one URL: HEAD, then GET if HEAD was refused; the client retries what a retry can help. */
export async function checkUrl(url: string, options: CheckOptions = {}, client = new HttpClient(options)): Promise<LinkStatus> {
  const probe = await client.probe(url);
  return probe.ok ? { ok: true, status: probe.status } : { ok: false, status: probe.status, error: probe.reason };
}

/** Check many URLs, each once, with a concurrency limit; good answers come from the cache when fresh. */
export async function checkUrls(urls: readonly string[], options: CheckOptions = {}): Promise<Map<string, LinkStatus>> {
  const client = new HttpClient(options);
  const unique = [...new Set(urls)];
  const statuses = await pool(unique, options.concurrency ?? 8, (url) => checkUrl(url, options, client));
  return new Map(unique.map((url, i) => [url, statuses[i]]));
}
