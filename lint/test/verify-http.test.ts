/**
 * `kb-lint verify` against a local HTTP server on 127.0.0.1 (never the internet): every outcome, the
 * normalisation across markup and typography, retries, timeouts, redirects, size cap, cache and the per-host
 * gap between requests. Targets are built by hand: the content schema refuses loopback URLs, the verifier
 * does not read the schema.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { verifyTargets } from '../src/verify/check.ts';
import { HttpClient, USER_AGENT, type HttpOptions } from '../src/http/client.ts';
import type { QuoteTarget } from '../src/verify/sources.ts';
import { localServer, type LocalServer } from './local-server.ts';

const QUOTE = 'Don’t stop a pod with a volume — it is billed at $0.20/GB per month while stopped.';
const HAS_IT = `<!doctype html><html><head><title>Pods</title><style>p{color:red}</style></head><body>
<nav>Menu</nav><main><h1>Manage   Pods</h1>
<p>Don&#x27;t stop a <em>pod</em>
  with a <a href="/v">volume</a> &mdash; it is billed at&nbsp;&#36;0.20/GB per month while stopped.</p>
<script>var decoy = "not on the page";</script></main></body></html>`;
const LACKS_IT = '<!doctype html><html><body><p>Stopped pods are now free of charge.</p></body></html>';

let server: LocalServer;
let base = '';
const log: { path: string; at: number; ua?: string }[] = [];
let flaky = 0;

beforeAll(async () => {
  server = await localServer((req, res) => {
    const path = req.url ?? '/';
    log.push({ path, at: performance.now(), ua: req.headers['user-agent'] });
    const html = (body: string) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
    switch (path) {
      case '/unchanged':
        return html(HAS_IT);
      case '/changed':
        return html(LACKS_IT);
      case '/moved':
        return res.writeHead(301, { location: '/unchanged' }).end();
      case '/moved-away':
        return res.writeHead(301, { location: `${base}/changed` }).end();
      case '/gone':
        return res.writeHead(404).end('not here');
      case '/flaky':
        return flaky++ === 0 ? res.writeHead(500).end() : html(HAS_IT);
      case '/busy':
        return flaky++ === 0 ? res.writeHead(429, { 'retry-after': '1' }).end() : html(HAS_IT);
      case '/always-503':
        return res.writeHead(503).end();
      case '/slow':
        return setTimeout(() => html(HAS_IT), 1500).unref();
      case '/loop-a':
        return res.writeHead(302, { location: '/loop-b' }).end();
      case '/loop-b':
        return res.writeHead(302, { location: '/loop-a' }).end();
      case '/huge': {
        res.writeHead(200, { 'content-type': 'text/html' });
        const chunk = `<p>${'x'.repeat(16 * 1024)}</p>`;
        let sent = 0;
        const push = () => {
          while (sent < 200 && res.write(chunk)) sent++;
          if (sent >= 200) return res.end(HAS_IT);
          sent++;
          res.once('drain', push);
        };
        res.on('error', () => {});
        return push();
      }
      case '/plain':
        return res.writeHead(200, { 'content-type': 'text/plain' }).end(`Notes\n\n${QUOTE}\n`);
      default:
        if (path.startsWith('/page/')) return html(HAS_IT);
        return res.writeHead(500).end();
    }
  });
  base = server.base;
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  log.length = 0;
  flaky = 0;
});

const target = (path: string, quote = QUOTE): QuoteTarget => ({ file: 'content/x.md', index: 0, url: `${base}${path}`, quote, line: 9 });
const fast: HttpOptions = { perHostIntervalMs: 0, backoffMs: 5, retries: 2, timeoutMs: 5000 };
const outcome = async (path: string, options: HttpOptions = fast, quote = QUOTE) => (await verifyTargets([target(path, quote)], new HttpClient(options)))[0];

describe('verify outcomes', () => {
  it('finds a quote across tags, entities, smart quotes, dashes and line breaks, ignoring scripts', async () => {
    expect((await outcome('/unchanged')).kind).toBe('still-there');
    // Text inside <script> is not on the page a reader sees.
    expect((await outcome('/unchanged', fast, 'var decoy = "not on the page"')).kind).toBe('drifted');
  });

  it('reports a quote gone from a reachable page as drifted', async () => {
    const o = await outcome('/changed');
    expect(o).toMatchObject({ kind: 'drifted', target: { url: `${base}/changed`, line: 9 } });
  });

  it('follows a move: still there when the new page has it, drifted when it does not', async () => {
    expect(await outcome('/moved')).toMatchObject({ kind: 'still-there', finalUrl: `${base}/unchanged` });
    expect(await outcome('/moved-away')).toMatchObject({ kind: 'drifted', finalUrl: `${base}/changed` });
  });

  it('reports 404 as unreachable, never as drift, and does not retry it', async () => {
    expect(await outcome('/gone')).toMatchObject({ kind: 'unreachable', status: 404, reason: 'HTTP 404' });
    expect(log.filter((l) => l.path === '/gone')).toHaveLength(1);
  });

  it('retries a 500 and succeeds on the next answer', async () => {
    expect((await outcome('/flaky')).kind).toBe('still-there');
    expect(log.filter((l) => l.path === '/flaky')).toHaveLength(2);
  });

  it('waits as long as a 429 asks (Retry-After) before the retry', async () => {
    expect((await outcome('/busy')).kind).toBe('still-there');
    const [first, second] = log.filter((l) => l.path === '/busy');
    expect(second.at - first.at).toBeGreaterThanOrEqual(990);
  });

  it('gives up on a server error after the retries, as unreachable', async () => {
    expect(await outcome('/always-503')).toMatchObject({ kind: 'unreachable', status: 503 });
    expect(log.filter((l) => l.path === '/always-503')).toHaveLength(3);
  });

  it('times out a slow page as unreachable', async () => {
    const o = await outcome('/slow', { ...fast, timeoutMs: 200, retries: 1 });
    expect(o).toMatchObject({ kind: 'unreachable', reason: 'timed out after 200 ms' });
    expect(log.filter((l) => l.path === '/slow')).toHaveLength(2);
  });

  it('stops a redirect loop as unreachable', async () => {
    const o = await outcome('/loop-a');
    expect(o.kind).toBe('unreachable');
    expect(o.kind === 'unreachable' && o.reason).toMatch(/redirect loop/);
    expect(log.length).toBe(2);
  });

  it('stops a chain longer than the redirect limit', async () => {
    const o = await outcome('/moved', { ...fast, maxRedirects: 0 });
    expect(o.kind === 'unreachable' && o.reason).toBe('more than 0 redirects');
  });

  it('cuts a huge body off at the byte cap and reports it unreachable, even though the quote comes last', async () => {
    const o = await outcome('/huge', { ...fast, maxBytes: 64 * 1024 });
    expect(o.kind).toBe('unreachable');
    expect(o.kind === 'unreachable' && o.reason).toBe('body larger than 65536 bytes');
    expect((await outcome('/huge', { ...fast, maxBytes: 8 * 1024 * 1024 })).kind).toBe('still-there');
  });

  it('reads text/plain as text, not HTML', async () => {
    expect((await outcome('/plain')).kind).toBe('still-there');
    expect((await outcome('/plain', fast, 'Notes Don’t stop')).kind).toBe('still-there');
  });

  it('names the project in its User-Agent', async () => {
    await outcome('/unchanged');
    expect(log[0].ua).toBe(USER_AGENT);
    expect(USER_AGENT).toMatch(/Remote ?GPU ?Field ?Guide/i);
  });

  it('fetches a URL quoted by several sources once', async () => {
    const out = await verifyTargets([target('/unchanged'), { ...target('/unchanged', 'stopped pods are free'), index: 1 }], new HttpClient(fast));
    expect(out.map((o) => o.kind)).toEqual(['still-there', 'drifted']);
    expect(log).toHaveLength(1);
  });
});

describe('politeness', () => {
  it('keeps requests to one host at least the per-host interval apart, even with many in flight', async () => {
    const gap = 120;
    const targets = Array.from({ length: 5 }, (_, i) => target(`/page/${i}`));
    await verifyTargets(targets, new HttpClient({ ...fast, perHostIntervalMs: gap }), 8);
    expect(log).toHaveLength(5);
    const times = log.map((l) => l.at).sort((a, b) => a - b);
    // Timer granularity: the client measures with Date.now(), the server with performance.now().
    for (let i = 1; i < times.length; i++) expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(gap - 5);
  });

  it('answers from the on-disk cache within the TTL and asks again after it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kb-verify-cache-'));
    try {
      let now = 1_000_000;
      const options = { ...fast, cacheDir: dir, cacheTtlMs: 1000, now: () => now };
      expect((await new HttpClient(options).get(`${base}/unchanged`)).ok).toBe(true);
      expect(readdirSync(dir)).toHaveLength(1);
      const again = await new HttpClient(options).get(`${base}/unchanged`);
      expect(again).toMatchObject({ ok: true, fromCache: true });
      expect(log).toHaveLength(1);
      now += 1001;
      expect(await new HttpClient(options).get(`${base}/unchanged`)).toMatchObject({ ok: true, fromCache: false });
      expect(log).toHaveLength(2);
      // Failures are not cached: the next run asks again.
      await new HttpClient(options).get(`${base}/gone`);
      await new HttpClient(options).get(`${base}/gone`);
      expect(log.filter((l) => l.path === '/gone')).toHaveLength(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
