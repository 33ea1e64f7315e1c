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
import { runCommand } from '../src/commands/command.ts';
import { verifyCommand } from '../src/commands/verify.ts';
import { refreshText } from '../src/verify/stamp.ts';
import { quoteTargets } from '../src/verify/sources.ts';
import { inertText } from '../src/verify/safe-markdown.ts';
import { contextHashOfText, nearestPassage } from '../src/verify/context.ts';

let server: Server;
let base = '';
beforeAll(async () => {
  server = createServer((req, res) => {
    const pages: Record<string, string> = {
      '/billing': '<p>Volumes are billed while the pod is stopped.</p>',
      '/storage': '<p>Nothing about storage here any more.</p>',
      '/compression': '<h1>Compression</h1><p>Compression is beneficial for text, often compressing shards to a third of the original size, whereas it is marginally helpful for images.</p>',
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
  const code = await runCommand(verifyCommand(deps), io, args);
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
      expect(json.counts).toEqual({ stillThere: 0, drifted: 0, contextChanged: 0, unreachable: 1 });
      expect(json.outcomes[0]).toMatchObject({ outcome: 'unreachable', status: 404, file: 'content/x3.md', line: 9 });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('writes the page cache under .cache/kb-lint/http unless --no-cache', async () => {
    const root = project({ 'x2.md': CARRIED });
    try {
      expect((await run(root, [])).code).toBe(0);
      expect(readdirSync(join(root, '.cache/kb-lint/http'))).toHaveLength(1);
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

/** The page as it read when the quotes below were pinned: the figure the merged text later dropped. */
const PINNED_PAGE = 'Compression is most beneficial for text (up to 66% smaller shard size), whereas it is marginally helpful for images.';

const pinnedFile = (quote: string, pin: string) => `---
id: X5
verified: 2026-12
sources:
  - title: Compression guide
    url: https://docs.example.com/compression
    quote: "${quote}"
    checked: 2026-12
    pin: ${pin}
---
Body.
`;

describe('kb-lint verify with pinned quotes', () => {
  it('reports a pinned quote the live page no longer has as drift, with the quote, its pin and what the page has now', async () => {
    const quote = 'Compression is most beneficial for text (up to 66% smaller shard size)';
    const root = project({ 'x5.md': pinnedFile(quote, `{ read: 2026-12-07, context: "${contextHashOfText(PINNED_PAGE, quote)}" }`) });
    try {
      const text = await run(root, ['--no-cache']);
      expect(text.code).toBe(1);
      expect(text.stdout).toContain('content/x5.md:7  drifted  https://docs.example.com/compression');
      expect(text.stdout).toContain(`    quoted (read 2026-12-07): ${quote}`);
      expect(text.stdout).toContain('    page now has: compression compression is beneficial for text, often compressing shards to');
      const json = JSON.parse((await run(root, ['--no-cache', '--format', 'json'])).stdout);
      expect(json.outcomes[0]).toMatchObject({ outcome: 'drifted', quote, pin: { read: '2026-12-07' }, now: expect.stringContaining('often compressing shards') });
      const md = (await run(root, ['--no-cache', '--format', 'md'])).stdout;
      expect(md).toContain('| File | Source | Quoted | Page now has |');
      expect(md).toContain('(read 2026-12-07) | compression compression is beneficial for text');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('reports a quote still on the page whose pinned surroundings changed, and passes one whose surroundings match', async () => {
    const quote = 'whereas it is marginally helpful for images.';
    const live = 'Compression is beneficial for text, often compressing shards to a third of the original size, whereas it is marginally helpful for images.';
    const changed = project({ 'x6.md': pinnedFile(quote, `{ read: 2026-12-07, context: "${contextHashOfText(PINNED_PAGE, quote)}" }`) });
    const same = project({ 'x7.md': pinnedFile(quote, `{ read: 2026-12-07, context: "${contextHashOfText(`# Compression\n\n${live}`, quote)}" }`) });
    try {
      const r = await run(changed, ['--no-cache']);
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('content/x6.md:7  context-changed  https://docs.example.com/compression');
      expect(r.stdout).toContain('page now has: compression compression is beneficial for text, often compressing');
      expect(r.stdout).toContain('1 quoted source(s): 0 still there, 0 drifted, 1 changed around the quote, 0 unreachable');
      const ok = await run(same, ['--no-cache']);
      expect(ok.stdout).toContain('1 quoted source(s): 1 still there');
      expect(ok.code).toBe(0);
    } finally {
      rmSync(changed, { recursive: true, force: true });
      rmSync(same, { recursive: true, force: true });
    }
  });

  it('hashes the same passage alike from HTML, Markdown or plain text, and differently once a word nearby changes', () => {
    const quote = 'A machine with a dynamic public IP address has a different IP address each time it powers on.';
    const md = `- A machine with a **dynamic public IP address** has a different IP address each time it powers on. Dynamic public IP addresses are assigned automatically.`;
    const plain = 'A machine with a dynamic public IP address has a different IP address each time it powers on.\nDynamic public IP addresses are assigned automatically.';
    expect(contextHashOfText(md, quote)).toBe(contextHashOfText(plain, quote));
    expect(contextHashOfText(plain.replace('automatically', 'by hand'), quote)).not.toBe(contextHashOfText(plain, quote));
    expect(contextHashOfText(plain, 'not on the page at all')).toBeUndefined();
  });

  it('finds the passage nearest a vanished quote, and nothing on a page that shares no word with it', () => {
    expect(nearestPassage('<p>One two three. Storage is billed hourly while stopped. Four five.</p>', 'text/html', 'storage is billed daily while stopped')).toBe('storage is billed hourly while stopped.');
    expect(nearestPassage('<p>zzz yyy</p>', 'text/html', 'storage is billed')).toBeUndefined();
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
