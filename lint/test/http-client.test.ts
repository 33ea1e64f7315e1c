/**
 * The policy `verify` and `--check-links` share, asked the same way through each command's own entry point
 * (`verifyTargets` reads pages, `checkUrl` probes them) against a server on 127.0.0.1, never the internet:
 * the same User-Agent, the same retries on 429/5xx with `Retry-After` honoured, no retry on other 4xx, the
 * same timeout, and one cache both read.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checkUrl } from '../src/check-links/check.ts';
import { HttpClient, USER_AGENT, type HttpOptions } from '../src/http/client.ts';
import { verifyTargets } from '../src/verify/check.ts';
import { localServer, type LocalServer } from './local-server.ts';

const PAGE = '<!doctype html><p>The volume is billed while the pod is stopped.</p>';
const QUOTE = 'The volume is billed while the pod is stopped.';

let server: LocalServer;
let base = '';
const log: { method: string; path: string; at: number; ua?: string }[] = [];
const seen = new Map<string, number>();

beforeAll(async () => {
  server = await localServer((req, res) => {
    const path = req.url ?? '/';
    log.push({ method: req.method ?? '', path, at: performance.now(), ua: req.headers['user-agent'] });
    const n = (seen.get(path) ?? 0) + 1;
    seen.set(path, n);
    const page = () => res.writeHead(200, { 'content-type': 'text/html' }).end(req.method === 'HEAD' ? undefined : PAGE);
    switch (path) {
      case '/page':
        return page();
      case '/busy-once':
        return n === 1 ? res.writeHead(429, { 'retry-after': '1' }).end() : page();
      case '/busy-date':
        // An HTTP date two seconds ahead: the header's own resolution is one second.
        return n === 1 ? res.writeHead(503, { 'retry-after': new Date(Date.now() + 2000).toUTCString() }).end() : page();
      case '/down':
        return res.writeHead(502).end();
      case '/forbidden':
        return res.writeHead(403).end();
      case '/not-implemented':
        return res.writeHead(501).end();
      case '/slow':
        return setTimeout(page, 1000).unref();
      default:
        return res.writeHead(404).end();
    }
  });
  base = server.base;
});
afterAll(() => server.close());
beforeEach(() => {
  log.length = 0;
  seen.clear();
});

const fast: HttpOptions = { perHostIntervalMs: 0, backoffMs: 20, retries: 2, timeoutMs: 5000 };

/** Each command's way in, reduced to: did it get a good answer, and with which status or reason. */
const commands: { name: string; ask: (path: string, options?: HttpOptions) => Promise<{ ok: boolean; status?: number; reason?: string }> }[] = [
  {
    name: 'verify',
    ask: async (path, options = fast) => {
      const [o] = await verifyTargets([{ file: 'content/x.md', index: 0, url: `${base}${path}`, quote: QUOTE, line: 1 }], new HttpClient(options));
      return o.kind === 'unreachable' ? { ok: false, status: o.status, reason: o.reason } : { ok: true };
    },
  },
  {
    name: 'check-links',
    ask: async (path, options = fast) => {
      const s = await checkUrl(`${base}${path}`, options);
      return { ok: s.ok, status: s.status, reason: s.error };
    },
  },
];

describe.each(commands)('shared HTTP policy through $name', ({ ask }) => {
  it('names the project in the one User-Agent', async () => {
    expect((await ask('/page')).ok).toBe(true);
    expect(log.length).toBeGreaterThan(0);
    for (const entry of log) expect(entry.ua).toBe(USER_AGENT);
  });

  it('waits as long as a 429 asks in seconds, then succeeds', async () => {
    expect((await ask('/busy-once')).ok).toBe(true);
    const [first, second] = log.filter((l) => l.path === '/busy-once');
    expect(second.at - first.at).toBeGreaterThanOrEqual(990);
  });

  it('honours a Retry-After given as an HTTP date on a 503', async () => {
    expect((await ask('/busy-date')).ok).toBe(true);
    const [first, second] = log.filter((l) => l.path === '/busy-date');
    // At least a second: the date is rounded down to whole seconds on the way out.
    expect(second.at - first.at).toBeGreaterThanOrEqual(990);
  });

  it('retries a 5xx with growing gaps, then gives up with the status', async () => {
    expect(await ask('/down')).toMatchObject({ ok: false, status: 502, reason: 'HTTP 502' });
    const times = log.filter((l) => l.path === '/down' && l.method === log[0].method).map((l) => l.at);
    expect(times).toHaveLength(3);
    // backoffMs 20, then 40: the second gap is the longer (timer slack allowed).
    expect(times[1] - times[0]).toBeGreaterThanOrEqual(15);
    expect(times[2] - times[1]).toBeGreaterThanOrEqual(35);
  });

  it('does not retry a 4xx or a 501', async () => {
    for (const [path, status] of [['/forbidden', 403], ['/missing', 404], ['/not-implemented', 501]] as const) {
      expect(await ask(path)).toMatchObject({ ok: false, status });
      // check-links may follow a refused HEAD with one GET; neither is repeated.
      const methods = log.filter((l) => l.path === path).map((l) => l.method);
      expect(new Set(methods).size, path).toBe(methods.length);
    }
  });

  it('times out a slow answer with the same message', async () => {
    expect(await ask('/slow', { ...fast, retries: 0, timeoutMs: 100 })).toMatchObject({ ok: false, reason: 'timed out after 100 ms' });
  });
});

describe('one cache for both commands', () => {
  it('answers a link check from a page verify fetched, without asking again', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'kb-http-cache-'));
    try {
      const options = { ...fast, cacheDir };
      expect((await commands[0].ask('/page', options)).ok).toBe(true);
      expect(log).toHaveLength(1);
      expect(await checkUrl(`${base}/page`, options)).toEqual({ ok: true, status: 200 });
      expect(log).toHaveLength(1);
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  });
});
