/**
 * The one HTTP client of kb-lint: `verify` reads pages through it, `--check-links` asks it whether a URL
 * still answers. One policy for both, so a site owner sees the same behaviour from either:
 * - a User-Agent naming the project;
 * - one request at a time per host, with a gap between them;
 * - a timeout per request;
 * - retries with exponential backoff only where a retry can help (network errors, timeouts, 429, 5xx other
 *   than 501), waiting at least as long as a `Retry-After` asks;
 * - redirects followed by hand, so a loop or a chain longer than the limit ends as a failure, not a hang;
 * - bodies read as a stream and cut off at a byte cap, never buffered whole;
 * - one on-disk cache (a JSON file per request, named by a hash of it) that keeps successes only, so a
 *   re-run within the TTL does not ask again and a failure is asked again at once.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeAtomic } from '../fix.ts';

export const USER_AGENT = 'RemoteGPUFieldGuide-kb-lint/0.1 (checks the sources the Remote GPU Field Guide cites and quotes; once a month)';

/** Where both commands keep the cache, below the project root. */
export const httpCacheDir = (root: string): string => join(root, '.cache', 'kb-lint', 'http');

export interface HttpOptions {
  timeoutMs?: number;
  /** Retries after the first attempt, for network errors, timeouts, 429 and 5xx (default 2). */
  retries?: number;
  /** First backoff delay, doubled each retry (default 1000 ms). */
  backoffMs?: number;
  /** Bodies longer than this are cut off and the page counts as unreachable (default 5 MiB). */
  maxBytes?: number;
  maxRedirects?: number;
  /** Minimum gap between two requests to the same host (default 1000 ms). */
  perHostIntervalMs?: number;
  /** Folder for cached answers; no cache when omitted. */
  cacheDir?: string;
  /** Cached answers younger than this are reused (default 7 days). */
  cacheTtlMs?: number;
  userAgent?: string;
  /** For tests: the clock and the fetch implementation. */
  now?: () => number;
  fetch?: typeof fetch;
}

export type Page =
  | { ok: true; url: string; finalUrl: string; status: number; contentType: string; body: string; fromCache: boolean }
  | { ok: false; url: string; reason: string; status?: number };

/** Whether a URL still answers, without its body. */
export type Probe =
  | { ok: true; url: string; finalUrl: string; status: number; fromCache: boolean }
  | { ok: false; url: string; reason: string; status?: number };

type Method = 'GET' | 'HEAD';

/** One response as the client keeps it: a redirect has a `location` and no body. */
interface Answer {
  status: number;
  contentType: string;
  body: string;
  location?: string;
}

/** A successful answer on disk. */
interface Cached extends Omit<Answer, 'location'> {
  /** `GET <url>` for a page, `HEAD <url>` for a probe: the file name is a hash prefix of it. */
  key: string;
  finalUrl: string;
  fetchedAt: number;
}

const REDIRECT = new Set([301, 302, 303, 307, 308]);
/** Answers to HEAD after which a GET may still succeed: servers that do not implement HEAD, or guard it. */
const HEAD_REFUSED = new Set([403, 404, 405, 501]);
const MAX_WAIT_MS = 60_000;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * A request that gave no usable answer. `transient`: worth another attempt after a pause (network error,
 * timeout, 429, 5xx); otherwise final (4xx, 501, too large, redirect loop, bad scheme).
 */
class Failure extends Error {
  readonly transient: boolean;
  readonly status?: number;
  readonly retryAfterMs?: number;
  constructor(message: string, transient: boolean, status?: number, retryAfterMs?: number) {
    super(message);
    this.transient = transient;
    this.status = status;
    this.retryAfterMs = retryAfterMs;
  }
}
const transient = (message: string, status?: number, retryAfterMs?: number) => new Failure(message, true, status, retryAfterMs);
const final = (message: string, status?: number) => new Failure(message, false, status);

export class HttpClient {
  private readonly o: Required<Omit<HttpOptions, 'cacheDir'>> & { cacheDir?: string };
  private readonly queue = new Map<string, Promise<void>>();
  private readonly last = new Map<string, number>();
  /** Every request actually sent, for tests and `--verbose` figures. */
  readonly sent: { url: string; method: Method; host: string; at: number }[] = [];

  constructor(options: HttpOptions = {}) {
    this.o = {
      timeoutMs: options.timeoutMs ?? 15_000,
      retries: options.retries ?? 2,
      backoffMs: options.backoffMs ?? 1000,
      maxBytes: options.maxBytes ?? 5 * 1024 * 1024,
      maxRedirects: options.maxRedirects ?? 5,
      perHostIntervalMs: options.perHostIntervalMs ?? 1000,
      cacheDir: options.cacheDir,
      cacheTtlMs: options.cacheTtlMs ?? 7 * 24 * 3600 * 1000,
      userAgent: options.userAgent ?? USER_AGENT,
      now: options.now ?? Date.now,
      fetch: options.fetch ?? fetch,
    };
  }

  /** GET a page's text, from the cache when fresh; never throws. */
  async get(url: string): Promise<Page> {
    const cached = await this.readCache(`GET ${url}`);
    if (cached) return { ok: true, url, finalUrl: cached.finalUrl, status: cached.status, contentType: cached.contentType, body: cached.body, fromCache: true };
    try {
      const page = await this.follow(url, 'GET');
      await this.writeCache({ key: `GET ${url}`, ...page, fetchedAt: this.o.now() });
      return { ok: true, url, ...page, fromCache: false };
    } catch (error) {
      return failure(url, error);
    }
  }

  /**
   * Does the URL still answer? HEAD first (no body to download), GET when the server refuses HEAD; the GET's
   * body is never read. A fresh cached page or probe answers without a request. Never throws.
   */
  async probe(url: string): Promise<Probe> {
    const cached = (await this.readCache(`GET ${url}`)) ?? (await this.readCache(`HEAD ${url}`));
    if (cached) return { ok: true, url, finalUrl: cached.finalUrl, status: cached.status, fromCache: true };
    try {
      let answer;
      try {
        answer = await this.follow(url, 'HEAD');
      } catch (error) {
        if (!(error instanceof Failure && !error.transient && error.status !== undefined && HEAD_REFUSED.has(error.status))) throw error;
        answer = await this.follow(url, 'GET', false);
      }
      await this.writeCache({ key: `HEAD ${url}`, finalUrl: answer.finalUrl, status: answer.status, contentType: answer.contentType, body: '', fetchedAt: this.o.now() });
      return { ok: true, url, finalUrl: answer.finalUrl, status: answer.status, fromCache: false };
    } catch (error) {
      return failure(url, error);
    }
  }

  /** Follow redirects by hand: a URL seen twice is a loop, more hops than allowed is a failure. */
  private async follow(start: string, method: Method, readBody = method === 'GET') {
    const seen = new Set<string>();
    let url = start;
    for (let hop = 0; ; hop++) {
      if (seen.has(url)) throw final(`redirect loop at ${url}`);
      seen.add(url);
      const protocol = new URL(url).protocol;
      if (protocol !== 'https:' && protocol !== 'http:') throw final(`redirect to a non-HTTP URL ${url}`);
      const answer = await this.withRetries(url, method, readBody);
      if (answer.location === undefined) return { finalUrl: url, status: answer.status, contentType: answer.contentType, body: answer.body };
      if (hop >= this.o.maxRedirects) throw final(`more than ${this.o.maxRedirects} redirects`);
      url = new URL(answer.location, url).href;
    }
  }

  private async withRetries(url: string, method: Method, readBody: boolean): Promise<Answer> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.once(url, method, readBody);
      } catch (error) {
        if (!(error instanceof Failure && error.transient) || attempt >= this.o.retries) throw error;
        const backoff = this.o.backoffMs * 2 ** attempt;
        await sleep(Math.min(Math.max(backoff, error.retryAfterMs ?? 0), MAX_WAIT_MS));
      }
    }
  }

  private async once(url: string, method: Method, readBody: boolean): Promise<Answer> {
    const host = new URL(url).host;
    await this.turn(host);
    this.sent.push({ url, method, host, at: this.o.now() });
    const signal = AbortSignal.timeout(this.o.timeoutMs);
    let res: Response;
    try {
      res = await this.o.fetch(url, { method, redirect: 'manual', signal, headers: { 'user-agent': this.o.userAgent, accept: 'text/html,text/plain;q=0.9,*/*;q=0.5' } });
    } catch (error) {
      throw transient(describeNetworkError(error, this.o.timeoutMs));
    }
    const status = res.status;
    const drop = () => res.body?.cancel().catch(() => {});
    if (REDIRECT.has(status)) {
      await drop();
      const location = res.headers.get('location');
      if (!location) throw final(`HTTP ${status} without a Location header`, status);
      return { status, contentType: '', body: '', location };
    }
    if (status === 429 || (status >= 500 && status !== 501)) {
      await drop();
      throw transient(`HTTP ${status}`, status, retryAfter(res.headers.get('retry-after')));
    }
    if (status >= 400) {
      await drop();
      throw final(`HTTP ${status}`, status);
    }
    const contentType = res.headers.get('content-type') ?? '';
    if (!readBody) {
      await drop();
      return { status, contentType, body: '' };
    }
    const declared = Number(res.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > this.o.maxBytes) {
      await drop();
      throw final(`body larger than ${this.o.maxBytes} bytes (Content-Length ${declared})`, status);
    }
    let bytes: Uint8Array;
    try {
      bytes = await readCapped(res, this.o.maxBytes);
    } catch (error) {
      if (error instanceof Failure) throw error;
      throw transient(describeNetworkError(error, this.o.timeoutMs));
    }
    return { status, contentType, body: decodeBody(bytes, contentType) };
  }

  /** Wait for this host's turn: requests to one host go one after another, `perHostIntervalMs` apart. */
  private turn(host: string): Promise<void> {
    const previous = this.queue.get(host) ?? Promise.resolve();
    const mine = previous.then(async () => {
      const last = this.last.get(host);
      if (last !== undefined) {
        const gap = last + this.o.perHostIntervalMs - this.o.now();
        if (gap > 0) await sleep(gap);
      }
      this.last.set(host, this.o.now());
    });
    this.queue.set(host, mine);
    return mine;
  }

  private cachePath(key: string): string | undefined {
    return this.o.cacheDir && join(this.o.cacheDir, `${createHash('sha256').update(key).digest('hex').slice(0, 32)}.json`);
  }

  private async readCache(key: string): Promise<Cached | undefined> {
    const path = this.cachePath(key);
    if (!path) return undefined;
    try {
      const entry = JSON.parse(await readFile(path, 'utf8')) as Cached;
      // The name is a hash prefix: compare the key so a collision or a hand-edited file is never trusted.
      if (entry.key !== key || typeof entry.body !== 'string' || typeof entry.fetchedAt !== 'number') return undefined;
      return this.o.now() - entry.fetchedAt < this.o.cacheTtlMs ? entry : undefined;
    } catch {
      return undefined;
    }
  }

  private async writeCache(entry: Cached): Promise<void> {
    const path = this.cachePath(entry.key);
    if (!path || !this.o.cacheDir) return;
    try {
      await mkdir(this.o.cacheDir, { recursive: true });
      await writeAtomic(path, JSON.stringify(entry));
    } catch {
      // A cache that cannot be written only costs a refetch next time.
    }
  }
}

function failure(url: string, error: unknown): { ok: false; url: string; reason: string; status?: number } {
  if (error instanceof Failure) return { ok: false, url, reason: error.message, status: error.status };
  // A URL that does not parse, or a bug: still an answer, never a throw.
  return { ok: false, url, reason: error instanceof Error ? error.message : String(error) };
}

/** Read at most `max` bytes; one byte more means the page is too large, and the rest is never downloaded. */
async function readCapped(res: Response, max: number): Promise<Uint8Array> {
  if (!res.body) return new Uint8Array();
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => {});
      throw final(`body larger than ${max} bytes`, res.status);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

function decodeBody(bytes: Uint8Array, contentType: string): string {
  const charset = /charset\s*=\s*"?([\w-]+)/i.exec(contentType)?.[1];
  try {
    return new TextDecoder(charset ?? 'utf-8').decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

/**
 * `Retry-After` in seconds or as an HTTP date, in ms from now; an unparsable value is ignored. The real clock,
 * not the injected one: the wait is a real sleep against the server's real date.
 */
function retryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

function describeNetworkError(error: unknown, timeoutMs: number): string {
  const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return `timed out after ${timeoutMs} ms`;
  const code = e.cause?.code;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `DNS lookup failed (${code})`;
  return code ? `network error (${code})` : `network error (${e.cause?.message ?? e.message ?? String(error)})`;
}
