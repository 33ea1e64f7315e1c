/** `npm start`'s server: downloads with a real Content-Type, pages by folder, the 404 page, BASE_PATH. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basePrefix } from '../lint/src/site-url.ts';
import { createSiteServer, parseHeaders } from './serve-site.ts';

let dir: string;
const servers: Server[] = [];

beforeAll(() => {
  const root = mkdtempSync(join(tmpdir(), 'serve-site-'));
  dir = join(root, 'dist');
  mkdirSync(join(dir, 'downloads'), { recursive: true });
  mkdirSync(join(dir, 'gotchas/u6'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), '<h1>home</h1>');
  writeFileSync(join(dir, '404.html'), '<h1>lost</h1>');
  writeFileSync(join(dir, 'gotchas/u6/index.html'), '<h1>U6</h1>');
  writeFileSync(join(dir, 'downloads/run_one.sh.template'), '#!/usr/bin/env bash\necho run\n');
  writeFileSync(join(dir, 'downloads/gpu_health.sh'), '#!/usr/bin/env bash\necho ok\n');
  writeFileSync(join(dir, 'downloads/signatures.tsv'), 'U6\tliteral\tx\tt\tu\n');
  writeFileSync(join(root, 'secret.txt'), 'outside');
  writeFileSync(join(dir, '_headers'), "# the build's policy\n/*\n  Content-Security-Policy: default-src 'self'; script-src 'self'\n/downloads/*\n  X-Robots-Tag: noindex\n");
});

afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  rmSync(join(dir, '..'), { recursive: true, force: true });
});

async function start(base: string): Promise<string> {
  const server = createSiteServer(dir, base);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('serve-site', () => {
  it('sends script downloads as shell text, byte for byte, and the signatures as TSV', async () => {
    const url = await start('');
    for (const [path, type] of [
      ['/downloads/run_one.sh.template', 'text/x-shellscript; charset=utf-8'],
      ['/downloads/gpu_health.sh', 'text/x-shellscript; charset=utf-8'],
      ['/downloads/signatures.tsv', 'text/tab-separated-values; charset=utf-8'],
    ]) {
      const res = await fetch(url + path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toBe(type);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
    expect(await (await fetch(`${url}/downloads/gpu_health.sh`)).text()).toBe('#!/usr/bin/env bash\necho ok\n');
  });

  it('serves a page from its folder and answers unknown paths with the 404 page', async () => {
    const url = await start('');
    const page = await fetch(`${url}/gotchas/u6/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('U6');
    const missing = await fetch(`${url}/gotchas/nope/`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('lost');
  });

  it('never serves a file outside the folder', async () => {
    const url = await start('');
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/downloads/..%2f..%2fsecret.txt']) {
      const res = await fetch(url + path);
      expect(res.status, path).not.toBe(200);
      expect(await res.text(), path).not.toContain('outside');
    }
  });

  it('answers only under BASE_PATH when one is set', async () => {
    expect(basePrefix('/field-guide/')).toBe('/field-guide');
    expect(basePrefix('')).toBe('');
    const url = await start(basePrefix('field-guide'));
    expect((await fetch(`${url}/field-guide/gotchas/u6/`)).status).toBe(200);
    expect((await fetch(`${url}/field-guide/downloads/gpu_health.sh`)).headers.get('content-type')).toBe('text/x-shellscript; charset=utf-8');
    expect((await fetch(`${url}/gotchas/u6/`)).status).toBe(404);
    expect((await fetch(`${url}/field-guidex/gotchas/u6/`)).status).toBe(404);
  });

  it('sends the headers the build wrote to _headers, by path, and never the file itself', async () => {
    const url = await start(basePrefix('field-guide'));
    for (const path of ['/field-guide/gotchas/u6/', '/field-guide/nope/', '/field-guide/downloads/gpu_health.sh']) {
      expect((await fetch(url + path)).headers.get('content-security-policy'), path).toBe("default-src 'self'; script-src 'self'");
    }
    expect((await fetch(`${url}/field-guide/downloads/gpu_health.sh`)).headers.get('x-robots-tag')).toBe('noindex');
    expect((await fetch(`${url}/field-guide/gotchas/u6/`)).headers.get('x-robots-tag')).toBeNull();
    for (const path of ['/field-guide/_headers', '/field-guide/%5Fheaders', '/field-guide/_HEADERS']) {
      const res = await fetch(url + path);
      expect(res.status, path).toBe(404);
      expect(await res.text(), path).not.toContain('Content-Security-Policy');
    }
  });

  it('refuses a _headers file it cannot read, naming the line', () => {
    expect(() => parseHeaders('/*\n  Content-Security-Policy: x\n  not a header\n')).toThrow(/^_headers:3: /);
    expect(() => parseHeaders('  X-Early: 1\n')).toThrow(/^_headers:1: /);
  });
});
