/** The link checker against a local HTTP server (never the internet): HEAD/GET fallback, retries, timeouts, cache. */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkUrl, checkUrls } from '../src/check-links/check.ts';
import { localServer, type LocalServer } from './local-server.ts';

let server: LocalServer;
let base = '';
const hits = new Map<string, number>();
const dir = mkdtempSync(join(tmpdir(), 'kb-links-'));

beforeAll(async () => {
  server = await localServer((req, res) => {
    const key = `${req.method} ${req.url}`;
    hits.set(key, (hits.get(key) ?? 0) + 1);
    const count = [...hits.entries()].filter(([k]) => k.endsWith(` ${req.url}`)).reduce((n, [, v]) => n + v, 0);
    switch (req.url) {
      case '/ok':
        return res.writeHead(200).end('fine');
      case '/no-head':
        return res.writeHead(req.method === 'HEAD' ? 405 : 200).end();
      case '/gone':
        return res.writeHead(404).end();
      case '/flaky':
        return res.writeHead(count < 2 ? 503 : 200).end();
      case '/redirect':
        return res.writeHead(301, { location: '/ok' }).end();
      case '/slow':
        return setTimeout(() => res.writeHead(200).end(), 2_000);
      default:
        return res.writeHead(500).end();
    }
  });
  base = server.base;
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

// No per-host gap: every request here goes to the one loopback host.
const fast = { backoffMs: 5, timeoutMs: 500, perHostIntervalMs: 0 };

describe('link checker', () => {
  it('accepts 200s and redirects, falls back to GET when HEAD is refused', async () => {
    expect(await checkUrl(`${base}/ok`, fast)).toMatchObject({ ok: true, status: 200 });
    expect(await checkUrl(`${base}/redirect`, fast)).toMatchObject({ ok: true, status: 200 });
    expect(await checkUrl(`${base}/no-head`, fast)).toMatchObject({ ok: true, status: 200 });
    expect(hits.get('GET /no-head')).toBe(1);
  });
  it('reports 404 without retrying and retries 5xx until it clears', async () => {
    expect(await checkUrl(`${base}/gone`, fast)).toMatchObject({ ok: false, status: 404 });
    expect(hits.get('HEAD /gone')).toBe(1);
    expect(await checkUrl(`${base}/flaky`, { ...fast, retries: 3 })).toMatchObject({ ok: true, status: 200 });
  });
  it('times out and says so', async () => {
    const r = await checkUrl(`${base}/slow`, { ...fast, retries: 0, timeoutMs: 100 });
    expect(r.ok).toBe(false);
    expect(r.error).toBe('timed out after 100 ms');
  });
  it('checks each URL once and reuses good results from the disk cache', async () => {
    const cacheDir = join(dir, 'http');
    const urls = [`${base}/ok`, `${base}/ok`, `${base}/gone`];
    const before = hits.get('HEAD /ok') ?? 0;
    const first = await checkUrls(urls, { ...fast, cacheDir });
    expect(first.size).toBe(2);
    expect(hits.get('HEAD /ok')).toBe(before + 1);
    // Only the good answer is kept: a dead link is asked again so a fix shows at once.
    expect(readdirSync(cacheDir)).toHaveLength(1);
    const goneBefore = hits.get('HEAD /gone');
    await checkUrls(urls, { ...fast, cacheDir });
    expect(hits.get('HEAD /ok')).toBe(before + 1);
    expect(hits.get('HEAD /gone')).toBe((goneBefore ?? 0) + 1);
  });
});

describe('--check-links findings', () => {
  it('reports each dead source at its URL in the frontmatter, as source-url errors', async () => {
    const { deadLinkFindings } = await import('../src/check-links/findings.ts');
    const { loadFile } = await import('../src/engine/load.ts');
    const { GOTCHA } = await import('./corpus.ts');
    const text = GOTCHA('AL3').replace('sources:\n', 'sources:\n  - title: Gone page\n    url: https://docs.example.org/gone\n');
    const file = loadFile('content/gotchas/alpha/al3-links.md', new TextEncoder().encode(text));
    // Public-looking URLs are answered by the loopback server, so nothing leaves the machine.
    const local: typeof fetch = (input, init) => fetch(`${base}${new URL(String(input)).pathname === '/gone' ? '/gone' : '/ok'}`, init);
    const findings = await deadLinkFindings([file], { ...fast, fetch: local });
    expect(findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.ruleId} ${f.message}`)).toEqual([
      'content/gotchas/alpha/al3-links.md:10:10 source-url Dead source `https://docs.example.org/gone`: HTTP 404',
    ]);
  });
});
