/**
 * Content is untrusted (issue 22): a gotcha from a pull request carrying script, event handlers, frames,
 * styles and `javascript:` links must not run anything in a reader's browser, and a content file that is a
 * symbolic link out of the tree must not be read into any page or llms-full.txt.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch } from './browser.ts';
import { buildSite, preview, ROOT, type Preview } from './serve.ts';

const work = mkdtempSync(join(tmpdir(), 'kb-hostile-'));
const content = join(work, 'content');
const out = join(work, 'dist');
const SECRET = 'OUTSIDE-THE-TREE-7f3a9c';

const frontmatter = (id: string, title: string) => `---
id: ${id}
title: "${title}"
catalog: alpha
platforms: [testbox]
cost: [time]
keywords: ["hostile ${id}"]
sources:
  - title: Example source
    url: https://example.com/source-1
verified: 2026-03
---
`;

const HOSTILE = `${frontmatter('AL4', 'Hostile content renders inert')}
## Symptom

<script>window.__ran = (window.__ran || 0) + 1; alert('script')</script>

Inline <img src="x" onerror="window.__ran = 1; alert('img')"> image.

<svg onload="window.__ran = 1; alert('svg')"><circle r="5"></circle></svg>

<iframe src="https://example.com/" id="framed"></iframe>

<style>body { display: none !important }</style>

Keys <kbd>Ctrl</kbd>+<kbd>C</kbd> stay.

## Root cause

A [plain link](javascript:alert('link')) and a [second](JaVaScRiPt:window.__ran=1) and an
![image](data:image/svg+xml,%3Csvg%20xmlns='http://www.w3.org/2000/svg'%20onload='alert(1)'/%3E).

<a href="javascript:alert('raw')" id="rawlink">raw link</a> <div onclick="alert('div')" id="clicky">click me</div>

## Fix

Write Markdown, and see [AL7](gotcha:AL7).
`;

// A title is content too: links to its gotcha carry it as tooltip and accessible name (attributes only).
const HOSTILE_TITLE = `Title "quoted" with <img src=x onerror=window.__ran=1> and <script>window.__ran=1</script>`;
const TITLED = `${frontmatter('AL7', HOSTILE_TITLE.replace(/"/g, '\\"'))}\n## Symptom\n\nX.\n\n## Root cause\n\nY.\n\n## Fix\n\nZ.\n`;

let site: Preview;
let browser: Browser;
let build: Awaited<ReturnType<typeof buildSite>>;

beforeAll(async () => {
  cpSync(join(ROOT, 'site/test/fixtures/mini/content'), content, { recursive: true });
  writeFileSync(join(content, 'gotchas/alpha/al4-hostile-content.md'), HOSTILE);
  writeFileSync(join(content, 'gotchas/alpha/al7-hostile-title.md'), TITLED);
  // A gotcha file beside the tree, linked in; and a link to a system file.
  mkdirSync(join(work, 'outside'));
  writeFileSync(join(work, 'outside/al5.md'), `${frontmatter('AL5', 'Linked from outside')}\n## Symptom\n\n${SECRET}\n\n## Root cause\n\nX.\n\n## Fix\n\nY.\n`);
  symlinkSync(join(work, 'outside/al5.md'), join(content, 'gotchas/alpha/al5-linked-from-outside.md'));
  symlinkSync('/etc/hostname', join(content, 'gotchas/alpha/al6-system-file.md'));
  symlinkSync(join(work, 'outside'), join(content, 'references/linked-folder'));
  build = await buildSite({ contentDir: content, outDir: out });
  site = await preview(out);
  browser = await launch();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await site?.stop();
  rmSync(work, { recursive: true, force: true });
});

function allFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((f) => join(dir, f)).filter((f) => statSync(f).isFile() && !f.includes('/pagefind/'));
}

describe('hostile content', () => {
  it('builds', () => {
    expect(build.code, build.output.slice(-2000)).toBe(0);
  });

  it('runs no script, opens no dialog and embeds no frame', async () => {
    const page = await browser.newPage();
    const dialogs: string[] = [];
    const blocked: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) blocked.push(m.text().slice(0, 200));
    });
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(`${site.url}/gotchas/al4/`, { waitUntil: 'load' });
    await page.waitForTimeout(500);
    // Whatever is left of the links and the click target is followed, as a curious reader would.
    for (const sel of ['#rawlink', '#clicky', 'a:text("plain link")', 'a:text("second")']) {
      const el = page.locator(sel).first();
      if (await el.count()) await el.click({ timeout: 2000 }).catch(() => undefined);
    }
    await page.waitForTimeout(300);
    expect(dialogs).toEqual([]);
    // Starlight's own inline scripts carry their hashes, so the policy blocks nothing of ours either.
    expect(blocked).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __ran?: number }).__ran)).toBeUndefined();
    expect(await page.locator('iframe').count()).toBe(0);
    expect(await page.locator('.sl-markdown-content svg[onload], [onerror], [onclick], [onload]').count()).toBe(0);
    expect(await page.locator('a[href^="javascript:" i], img[src^="data:" i]').count()).toBe(0);
    // The link to AL7 names it by its title, as text: an attribute value, no element made of it.
    const titled = page.locator('.sl-markdown-content a[href$="/gotchas/al7/"]');
    expect(await titled.getAttribute('title')).toBe(`AL7 — ${HOSTILE_TITLE}`);
    expect(await titled.getAttribute('aria-label')).toBe(`AL7 — ${HOSTILE_TITLE}`);
    expect(await titled.textContent()).toBe('AL7');
    await titled.click();
    await page.waitForURL(/\/gotchas\/al7\/$/);
    expect(await page.locator('h1').textContent()).toBe(`AL7 — ${HOSTILE_TITLE}`);
    expect(await page.evaluate(() => (window as unknown as { __ran?: number }).__ran)).toBeUndefined();
    expect(dialogs).toEqual([]);
    await page.goBack();
    // The <style> did not hide the page, and the harmless markup survived.
    expect(await page.locator('h1').isVisible()).toBe(true);
    expect(await page.locator('.sl-markdown-content kbd').count()).toBe(2);
    await page.close();
  });

  it('sends a Content-Security-Policy that forbids inline handlers and foreign scripts', () => {
    const html = readFileSync(join(out, 'gotchas/al4/index.html'), 'utf8');
    const csp = /<meta http-equiv="content-security-policy" content="([^"]+)"/i.exec(html)?.[1] ?? '';
    const script = csp.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src')) ?? '';
    expect(script).toMatch(/^script-src 'self'/);
    expect(script).not.toMatch(/unsafe-inline|\*|https?:/);
    expect(csp).toMatch(/object-src 'none'/);
  });

  it('reads no file through a symbolic link out of the content tree', () => {
    const host = readFileSync('/etc/hostname', 'utf8').trim();
    for (const file of allFiles(out)) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toContain(SECRET);
      if (host.length >= 8) expect(text, file).not.toContain(host);
    }
    expect(readFileSync(join(out, 'llms-full.txt'), 'utf8')).toContain('Hostile content renders inert');
  });
});
