/**
 * `kb-lint verify` end to end on a temporary project: content files cite https://docs.example.com/..., and
 * the test's fetch sends those requests to a local server on 127.0.0.1 (the content schema refuses loopback
 * URLs, so the fixture files stay valid content). Covers --fix (atomic, byte-preserving, BOM and CRLF safe,
 * carried-over files untouched), exit codes, formats and the inert Markdown.
 */
import { createServer, type Server } from 'node:http';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runVerify } from '../src/verify/command.ts';
import { refreshText } from '../src/verify/stamp.ts';
import { quoteTargets } from '../src/verify/sources.ts';
import { inertText } from '../src/verify/safe-markdown.ts';

let server: Server;
let base = '';
beforeAll(async () => {
  server = createServer((req, res) => {
    const pages: Record<string, string> = {
      '/billing': '<p>Volumes are billed while the pod is stopped.</p>',
      '/storage': '<p>Nothing about storage here any more.</p>',
    };
    const body = pages[req.url ?? ''];
    if (body === undefined) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html' }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const toLocal: typeof fetch = (input, init) => fetch(String(input).replace('https://docs.example.com', base), init);
const deps = { fetch: toLocal, perHostIntervalMs: 0, backoffMs: 1, retries: 0 };

const CHECKED = [
  '\uFEFF---',
  'id: X1',
  "verified: '2026-03' # stamped by hand",
  'sources:',
  '  - title: Billing page',
  '    url: https://docs.example.com/billing',
  '    quote: "Volumes are billed while the pod is stopped."',
  '    checked: 2026-03',
  '  - title: Storage page',
  '    url: https://docs.example.com/storage',
  '    quote: Volumes survive a stop and a restart.',
  '    checked: 2026-03',
  '---',
  '',
  'Body text — kept as is.   ',
  '',
].join('\r\n');

const CARRIED = `---
id: X2
carried_over:
  from: Hanyuyuan6/remote-gpu-trainer@2853286
  as_of: 2026-07
sources:
  - title: Billing page
    url: https://docs.example.com/billing
    quote: Volumes are billed while the pod is stopped.
---
Body.
`;

function project(files: Record<string, string>) {
  const root = mkdtempSync(join(tmpdir(), 'kb-verify-'));
  mkdirSync(join(root, 'content'), { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(root, 'content', name), text);
  return root;
}

async function run(root: string, args: string[]) {
  let stdout = '';
  let stderr = '';
  const io = { argv: [], cwd: root, stdout: (t: string) => void (stdout += t), stderr: (t: string) => void (stderr += t) };
  const code = await runVerify(io, args, deps);
  return { code, stdout, stderr };
}

describe('kb-lint verify', () => {
  it('positions each quote at its line and skips sources the schema refuses', () => {
    const targets = quoteTargets('content/x1.md', CHECKED);
    expect(targets.map((t) => [t.index, t.line, t.url])).toEqual([
      [0, 7, 'https://docs.example.com/billing'],
      [1, 11, 'https://docs.example.com/storage'],
    ]);
    expect(quoteTargets('content/y.md', CARRIED.replace('https://docs.example.com', 'http://127.0.0.1:1'))).toEqual([]);
  });

  it('exits 1 on drift, naming file, line and URL; --fix refreshes only the still-there stamps, byte for byte', async () => {
    const root = project({ 'x1.md': CHECKED, 'x2.md': CARRIED });
    try {
      const r = await run(root, ['content', '--fix', '--today', '2026-12', '--no-cache']);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('content/x1.md:11  drifted  https://docs.example.com/storage');
      expect(r.stdout).toContain('3 quoted source(s): 2 still there, 1 drifted, 0 unreachable; stamps refreshed to 2026-12 in 1 file(s)');
      const after = readFileSync(join(root, 'content/x1.md'), 'utf8');
      // Exactly two values changed: the file's verified (quoting kept) and the still-there source's checked.
      const expected = CHECKED.replace("verified: '2026-03'", "verified: '2026-12'").replace('stopped."\r\n    checked: 2026-03', 'stopped."\r\n    checked: 2026-12');
      expect(after).toBe(expected);
      expect(after.startsWith('\uFEFF---\r\n')).toBe(true);
      // A carried-over file is never promoted by a machine.
      expect(readFileSync(join(root, 'content/x2.md'), 'utf8')).toBe(CARRIED);
      // No temporary file left behind.
      expect(readdirSync(join(root, 'content')).sort()).toEqual(['x1.md', 'x2.md']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('exits 0 when nothing drifted, even with an unreachable page, and reports it apart', async () => {
    const root = project({ 'x3.md': CARRIED.replace('/billing', '/missing') });
    try {
      const r = await run(root, ['--format', 'json', '--no-cache']);
      expect(r.code).toBe(0);
      const json = JSON.parse(r.stdout);
      expect(json.counts).toEqual({ stillThere: 0, drifted: 0, unreachable: 1 });
      expect(json.outcomes[0]).toMatchObject({ outcome: 'unreachable', status: 404, file: 'content/x3.md', line: 9 });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('writes the page cache under .cache/kb-lint/verify unless --no-cache', async () => {
    const root = project({ 'x2.md': CARRIED });
    try {
      expect((await run(root, [])).code).toBe(0);
      expect(readdirSync(join(root, '.cache/kb-lint/verify'))).toHaveLength(1);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('refuses bad options with exit 2', async () => {
    for (const args of [['--format', 'xml'], ['--concurrency', '0'], ['--timeout', 'soon'], ['--today', '2026-13'], ['--nope'], ['missing-folder']]) {
      const r = await run(tmpdir(), args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^kb-lint verify: /);
    }
  });

  it('leaves a file without verified, or with no matching checked, unchanged', () => {
    expect(refreshText(CARRIED, [0], '2026-12')).toBe(CARRIED);
    const noChecked = CHECKED.replaceAll('\r\n    checked: 2026-03', '');
    expect(refreshText(noChecked, [0, 1], '2026-12')).toBe(noChecked);
  });
});

describe('the Markdown report is inert', () => {
  it('neutralises mentions, images, HTML and table breaks in content text', () => {
    const out = inertText('@maintainers see ![x](https://e.vil/p.png) <img src=x onerror=alert(1)> a|b');
    expect(out).not.toMatch(/(^|\s)@[a-z]/i);
    expect(out).not.toContain('![');
    expect(out).not.toContain('<');
    expect(out).not.toMatch(/[^\\]\|/);
  });

  it('in the md format of a drifted quote that carries a mention and an image', async () => {
    const root = project({ 'x4.md': CHECKED.replace('Volumes survive a stop and a restart.', '"@octocat says ![img](https://e.vil/a.png) <b>hi</b>"') });
    try {
      const r = await run(root, ['--format', 'md', '--no-cache', '--link-base', 'https://github.com/o/r/blob/abc/']);
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('[content/x4.md:11](https://github.com/o/r/blob/abc/content/x4.md#L11)');
      expect(r.stdout).not.toMatch(/@octocat/);
      expect(r.stdout).not.toContain('![');
      expect(r.stdout).not.toContain('<b>');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
