import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { componentDirs, componentInlineScripts, cspInlineScripts, InlineScriptError, sitePolicy, withInlineScriptHashes } from './csp-inline-scripts.ts';

const hash = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;
const THEME = '\n\twindow.theme = 1;\n';
const BUNDLED = 'console.log(1)';
const POLICY = `default-src 'self';script-src 'self' 'wasm-unsafe-eval' ${hash(BUNDLED)};style-src 'self'`;
const page = (head: string, body: string) =>
  `<!DOCTYPE html><html><head><meta charset="utf-8"/>${head}<meta http-equiv="content-security-policy" content="${POLICY}"></head><body>${body}</body></html>`;

describe('withInlineScriptHashes', () => {
  const allowed = new Set([THEME]);

  it('moves the policy right after <meta charset> and adds the hash of each inline script the components write', () => {
    const { html, policy } = withInlineScriptHashes(page('<title>T</title>', `<script>${THEME}</script><main><script type="module">${BUNDLED}</script></main>`), allowed);
    expect(html.startsWith(`<!DOCTYPE html><html><head><meta charset="utf-8"/><meta http-equiv="content-security-policy" content="`)).toBe(true);
    expect(html.match(/content-security-policy/g)).toHaveLength(1);
    expect(policy).toContain(hash(THEME));
    expect(policy.split(hash(BUNDLED))).toHaveLength(2);
  });

  it('refuses an inline script no component writes, naming where it is, wherever it sits', () => {
    for (const [head, body] of [['<title>x</title><script>alert(1)</script>', ''], ['', '<main></main><script>alert(1)</script>'], ['', '<svg><script>alert(1)</script></svg>']]) {
      expect(() => withInlineScriptHashes(page(head, body), allowed, 'dist/x.html')).toThrow(InlineScriptError);
      expect(() => withInlineScriptHashes(page(head, body), allowed, 'dist/x.html')).toThrow(/^dist\/x\.html:1:\d+: an inline script no component of the build writes/);
    }
  });

  it('reads the page as a browser does: text that only looks like a script or <main> changes nothing', () => {
    const head = `<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;main&gt;</title><meta name="description" content="</title><script>alert(2)</script><main>">`;
    const { policy } = withInlineScriptHashes(page(head, `<script>${THEME}</script><script type="application/json">{"a":"</scr"}</script>`), allowed);
    expect(policy).toContain(hash(THEME));
    expect(policy).not.toContain(hash('alert(2)'));
  });

  it('refuses a page without exactly one policy', () => {
    expect(() => withInlineScriptHashes('<!DOCTYPE html><html><head></head><body></body></html>', allowed, 'p')).toThrow(/expected one Content-Security-Policy/);
  });

  it("finds Starlight's own inline scripts in its component sources", () => {
    const bodies = [...componentInlineScripts(componentDirs())];
    expect(bodies.some((b) => b.includes('StarlightThemeProvider'))).toBe(true);
    expect(bodies.some((b) => b.includes('starlight__sidebar'))).toBe(true);
  });
});

describe('sitePolicy', () => {
  it('joins the script sources of every page and forbids framing', () => {
    const merged = sitePolicy([`default-src 'self'; script-src 'self' 'sha256-a'`, `default-src 'self'; script-src 'self' 'sha256-b'`]);
    expect(merged).toBe(`default-src 'self'; script-src 'self' 'sha256-a' 'sha256-b'; frame-ancestors 'none'`);
  });
});

describe('the build step', () => {
  // Enough pages for the pass to share them among workers (one per core, at least 50 pages each).
  const site = (bad?: number) => {
    const dir = mkdtempSync(join(tmpdir(), 'kb-csp-'));
    const [theme] = [...componentInlineScripts(componentDirs())].filter((b) => b.includes('StarlightThemeProvider'));
    for (let i = 0; i < 120; i++) {
      mkdirSync(join(dir, `p${i}`));
      writeFileSync(join(dir, `p${i}`, 'index.html'), page('<title>T</title>', `${i === bad ? '<p>\n<script>alert(1)</script>' : ''}<script>${theme}</script>`));
    }
    return { dir, theme };
  };
  const run = (dir: string) => (cspInlineScripts().hooks['astro:build:done'] as unknown as (o: object) => Promise<void>)({ dir: pathToFileURL(`${dir}/`), logger: { info() {} } });

  it('rewrites every page and writes the union of their policies to _headers', async () => {
    const { dir, theme } = site();
    try {
      await run(dir);
      for (const i of [0, 1, 119]) expect(readFileSync(join(dir, `p${i}`, 'index.html'), 'utf8')).toMatch(/^<!DOCTYPE html><html><head><meta charset="utf-8"\/><meta http-equiv="content-security-policy"/);
      expect(readFileSync(join(dir, '_headers'), 'utf8')).toContain(`script-src 'self' 'wasm-unsafe-eval' ${hash(BUNDLED)} ${hash(theme)}; style-src 'self'; frame-ancestors 'none'`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails on a page with an inline script no component writes, naming the page, line and column', async () => {
    const { dir } = site(117);
    try {
      await expect(run(dir)).rejects.toThrow(/p117\/index\.html:2:1: an inline script no component of the build writes: "alert\(1\)"/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
