/**
 * Content is untrusted (issues 22 and 33). A copy of the project whose content carries an attacker's vectors
 * (site/test/hostile-vectors.ts) in every frontmatter field of every collection (gotchas, catalogs, profiles,
 * references, script metadata) that its schema lets them into, a hostile page body and a hostile rule doc,
 * plus symbolic links out of the tree:
 *
 * - `kb-lint` reports every one of those fields, with a line and column, and the source URLs the schema
 *   refuses as well;
 * - the site builds, and Chromium loading every page and the search modal sees no dialog, no navigation, no
 *   request to a host other than the loopback server, no `window.__pwned` and no script the policy blocked
 *   (Starlight's own scripts must still run);
 * - the fields read back as the characters they hold (tab title, heading, cards, search filters, exports);
 * - nothing is read through a link out of the content tree.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsYaml from 'js-yaml';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogSchema, GotchaSchema, ProfileSchema, ReferenceSchema, TemplateMetaSchema } from '../../lint/src/schema/index.ts';
import { parseMarkdown } from '../../lint/src/markdown/parse.ts';
import { plainTitle } from '../lib/inline.ts';
import { launch } from './browser.ts';
import { buildCommand, childEnv, preview, ROOT, type Preview } from './serve.ts';
import { inject, OUTSIDE_HOST, SCRIPT_URLS, VECTORS, type Injected } from './hostile-vectors.ts';

const work = mkdtempSync(join(tmpdir(), 'kb-hostile-'));
// Inside the repository (in the ignored .cache/), so the copy finds node_modules by walking up: linked in, Vite
// saw each dependency under two paths and the build failed.
mkdirSync(join(ROOT, '.cache'), { recursive: true });
const project = mkdtempSync(join(ROOT, '.cache/hostile-project-'));
const content = join(project, 'content');
const out = join(work, 'dist');
const SECRET = 'OUTSIDE-THE-TREE-7f3a9c';

const known = { catalogs: ['alpha'], platforms: ['testbox'] };
const accepts = (schema: { safeParse(v: unknown): { success: boolean } }) => (v: unknown) => schema.safeParse(v).success;

const frontmatterOf = (file: string) => jsYaml.load(/^---\n([\s\S]*?)\n---\n/.exec(readFileSync(file, 'utf8'))![1]) as Record<string, unknown>;
const bodyOf = (file: string) => readFileSync(file, 'utf8').replace(/^---\n[\s\S]*?\n---\n/, '');
const page = (data: unknown, body: string) => `---\n${jsYaml.dump(data, { lineWidth: -1 })}---\n${body}`;

// The body vectors of issue 22: the sanitiser removes them; they stay here so the page is hostile throughout.
const HOSTILE_BODY = `
## Symptom

<script>window.__pwned = 'body-script'; alert('script')</script>

Inline <img src="x" onerror="window.__pwned = 'body-img'; alert('img')"> image.

<svg onload="window.__pwned = 'body-svg'"><circle r="5"></circle></svg>

<iframe src="https://${OUTSIDE_HOST}/" id="framed"></iframe>

<style>body { display: none !important }</style>

Keys <kbd>Ctrl</kbd>+<kbd>C</kbd> stay. See [AL1](gotcha:AL1).

## Root cause

A [plain link](javascript:alert('link')) and a [second](JaVaScRiPt:window.__pwned=1).

<a href="javascript:alert('raw')" id="rawlink">raw link</a> <div onclick="alert('div')" id="clicky">click me</div>

## Fix

Write Markdown.
`;

interface HostileFile { file: string; injected: Injected<unknown> }
const hostile: HostileFile[] = [];

function write(file: string, text: string) {
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, text);
}

/** The project as a pull request would leave it: the site's code, the hostile content, linked node_modules. */
function makeProject() {
  const turn = { next: 0 };
  for (const f of ['astro.config.mjs', 'package.json', 'tsconfig.json']) cpSync(join(ROOT, f), join(project, f));
  cpSync(join(ROOT, 'site'), join(project, 'site'), { recursive: true, filter: (src) => !src.startsWith(join(ROOT, 'site/test')) });
  cpSync(join(ROOT, 'lint/src'), join(project, 'lint/src'), { recursive: true });
  mkdirSync(join(project, 'scripts'));
  for (const f of readdirSync(join(ROOT, 'scripts'))) if (/\.sh(\.template)?$/.test(f)) cpSync(join(ROOT, 'scripts', f), join(project, 'scripts', f));
  cpSync(join(ROOT, 'site/test/fixtures/mini/content'), content, { recursive: true });

  const gotcha = inject(
    {
      id: 'AL9', title: 'Hostile frontmatter stays text, even `</title><script>window.__pwned="code-span"</script>` in code', catalog: 'alpha', platforms: ['testbox'], tags: ['fixture'], cost: ['time'],
      keywords: ['hostile probe keyword', 'second pasted line'], signatures: [{ literal: 'hostile probe signature' }],
      sources: [{ title: 'Example source', url: 'https://example.com/s', quote: 'The passage that says the fact, word for word.', checked: '2026-09' }],
      verified: '2026-09', related: ['AL1'],
    },
    accepts(GotchaSchema(known)),
    turn,
  );
  hostile.push({ file: 'content/gotchas/alpha/al9-hostile-frontmatter.md', injected: gotcha });

  const catalogFile = join(content, 'catalogs/alpha.md');
  const catalog = inject(frontmatterOf(catalogFile), accepts(CatalogSchema()), turn);
  hostile.push({ file: 'content/catalogs/alpha.md', injected: catalog });
  write(catalogFile, page(catalog.data, `${bodyOf(catalogFile)}\nAnd [AL9](gotcha:AL9).\n`));

  const profileFile = join(content, 'profiles/testbox.md');
  const profile = inject(frontmatterOf(profileFile), accepts(ProfileSchema()), turn);
  hostile.push({ file: 'content/profiles/testbox.md', injected: profile });
  write(profileFile, page(profile.data, bodyOf(profileFile).replace('- [AL1](gotcha:AL1)', '- [AL1](gotcha:AL1)\n- [AL9](gotcha:AL9)')));

  const referenceFile = join(content, 'references/principles.md');
  const reference = inject(frontmatterOf(referenceFile), accepts(ReferenceSchema()), turn);
  hostile.push({ file: 'content/references/principles.md', injected: reference });
  write(referenceFile, page(reference.data, bodyOf(referenceFile)));

  const template = inject(
    {
      title: 'Hostile probe runner', purpose: 'Runs nothing; it carries hostile metadata for the site tests.', usage: 'hostile_probe.sh [NAME]',
      env: { PROBE_LOG: { default: '/tmp/probe.log', description: 'Where the probe would write its log.' } }, gotchas: ['AL9'], principles: [1],
    },
    accepts(TemplateMetaSchema()),
    turn,
  );
  hostile.push({ file: 'scripts/hostile_probe.sh', injected: template });
  const meta = jsYaml.dump(template.data, { lineWidth: -1 }).trimEnd().split('\n').map((l) => `# ${l}`).join('\n');
  write(join(project, 'scripts/hostile_probe.sh'), `#!/usr/bin/env bash\n# ---\n${meta}\n# ---\nset -euo pipefail\necho probe\n`);

  write(join(content, hostile[0].file.replace(/^content\//, '')), page(gotcha.data, HOSTILE_BODY));
  // A rule's docs are published too; a hostile body in one goes through the same sanitiser.
  const ruleDoc = join(project, 'lint/src/rules/no-todo/docs.md');
  writeFileSync(ruleDoc, `${readFileSync(ruleDoc, 'utf8')}\n${HOSTILE_BODY.replace(/## /g, '### ')}`);

  // A gotcha file beside the tree, linked in; and a link to a system file.
  mkdirSync(join(work, 'outside'));
  writeFileSync(join(work, 'outside/al5.md'), page({ ...(gotcha.data as object), id: 'AL5', title: 'Linked from outside' }, `\n## Symptom\n\n${SECRET}\n\n## Root cause\n\nX.\n\n## Fix\n\nY.\n`));
  symlinkSync(join(work, 'outside/al5.md'), join(content, 'gotchas/alpha/al5-linked-from-outside.md'));
  symlinkSync('/etc/hostname', join(content, 'gotchas/alpha/al6-system-file.md'));
  symlinkSync(join(work, 'outside'), join(content, 'references/linked-folder'));
}

interface LintFinding { file: string; line?: number; column?: number; ruleId: string; message: string; severity: string }

function run(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

let findings: LintFinding[] = [];
let lintCode = 0;
let build: { code: number; output: string };
let site: Preview;
let browser: Browser;
const SCRIPT_URL_FILE = 'content/gotchas/alpha/al8-script-urls.md';

beforeAll(async () => {
  makeProject();
  // Source URLs the schema refuses never reach a build; they are linted, then removed.
  write(join(project, SCRIPT_URL_FILE), page({ ...(hostile[0].injected.data as object), id: 'AL8', title: 'Script URLs in sources', sources: SCRIPT_URLS.map((url, i) => ({ title: `Source ${i}`, url })) }, '\n## Symptom\n\nX.\n\n## Root cause\n\nY.\n\n## Fix\n\nZ.\n'));
  const lint = await run([join(ROOT, 'lint/bin.js'), '--root', project, '--format', 'json', '--no-cache'], ROOT, childEnv());
  lintCode = lint.code;
  findings = JSON.parse(lint.stdout) as LintFinding[];
  rmSync(join(project, SCRIPT_URL_FILE));

  const { args, env } = buildCommand({ contentDir: content, outDir: out });
  build = await run(args, project, { ...env, KB_REPO_ROOT: project }).then((r) => ({ code: r.code, output: r.stdout + r.stderr }));
  if (build.code === 0) {
    site = await preview(out);
    browser = await launch();
  }
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await site?.stop();
  rmSync(work, { recursive: true, force: true });
  rmSync(project, { recursive: true, force: true });
});

function allFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((f) => join(dir, f)).filter((f) => statSync(f).isFile() && !f.includes('/pagefind/'));
}

interface Watch { dialogs: string[]; outside: string[]; navigations: string[]; blocked: string[] }

/** A page that records every dialog, navigation, request off the loopback server and blocked script. */
async function watchedPage(): Promise<{ page: Page; seen: Watch }> {
  const page = await browser.newPage();
  const seen: Watch = { dialogs: [], outside: [], navigations: [], blocked: [] };
  const origin = new URL(site.url).origin;
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(`${origin}/`) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    seen.outside.push(url);
    return route.abort();
  });
  page.on('dialog', (d) => {
    seen.dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('framenavigated', (f) => {
    if (f === page.mainFrame()) seen.navigations.push(f.url());
  });
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) seen.blocked.push(m.text().slice(0, 300));
  });
  return { page, seen };
}

const pwned = (page: Page) => page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned);

describe('hostile frontmatter', () => {
  it('gets every vector into a field of some collection, titles and all', () => {
    const placed = new Set(hostile.flatMap((h) => h.injected.fields.map((f) => f.vector)));
    for (const v of VECTORS.slice(2)) expect(placed, v).toContain(v);
    for (const h of hostile) expect(h.injected.fields.map((f) => f.path), h.file).toContain('title');
  });

  it('fails lint on every hostile field and every script URL, each with a line and column', () => {
    expect(lintCode).toBe(1);
    const mine = findings.filter((f) => f.ruleId === 'no-frontmatter-markup');
    for (const { file, injected } of hostile) {
      for (const { path } of injected.fields) {
        const hit = mine.find((f) => f.file === file && f.message.includes(`in \`${path}\`,`));
        expect(hit, `${file} ${path}`).toBeDefined();
        expect(hit!.line, `${file} ${path}`).toBeGreaterThan(1);
        expect(hit!.column, `${file} ${path}`).toBeGreaterThan(0);
      }
    }
    for (const i of SCRIPT_URLS.keys()) {
      const hit = mine.find((f) => f.file === SCRIPT_URL_FILE && f.message.includes(`in \`sources[${i}].url\`,`));
      expect(hit, SCRIPT_URLS[i]).toBeDefined();
      expect(hit!.line).toBeGreaterThan(1);
    }
    // The hostile rule doc body is reported by the rule that reads page bodies.
    expect(findings.some((f) => f.file === 'lint/src/rules/no-todo/docs.md' && f.ruleId === 'no-raw-html' && f.line)).toBe(true);
  });

  it('builds', () => {
    expect(build.code, build.output.slice(-3000)).toBe(0);
  });

  it('runs nothing, goes nowhere and loads nothing from outside on any page', async () => {
    const pages = allFiles(out).filter((f) => f.endsWith('.html')).map((f) => f.slice(out.length).replace(/index\.html$/, ''));
    expect(pages.length).toBeGreaterThan(40);
    const { page, seen } = await watchedPage();
    const wrong: string[] = [];
    for (const path of pages) {
      seen.navigations.length = 0;
      await page.goto(site.url + path, { waitUntil: 'load' });
      await page.waitForTimeout(150);
      const value = await pwned(page);
      if (value !== undefined) wrong.push(`${path}: window.__pwned = ${String(value)}`);
      const away = seen.navigations.filter((u) => u !== site.url + path);
      if (away.length) wrong.push(`${path}: navigated to ${away.join(', ')}`);
    }
    expect(wrong).toEqual([]);
    expect(seen.dialogs).toEqual([]);
    expect(seen.outside).toEqual([]);
    // Starlight's inline scripts are hashed by the build, so the policy blocks nothing of the site's own.
    expect(seen.blocked).toEqual([]);
    await page.close();
  }, 300_000);

  it('keeps the search modal inert: filters and results show the titles as text', async () => {
    const { page, seen } = await watchedPage();
    await page.goto(`${site.url}/gotchas/al9/`);
    await page.waitForFunction(() => document.querySelector<HTMLButtonElement>('site-search button[data-open-modal]')?.disabled === false);
    await page.locator('site-search button[data-open-modal]').click();
    await page.locator('#starlight__search input.pagefind-ui__search-input').fill('hostile probe keyword');
    await page.locator('#starlight__search .pagefind-ui__result-link').first().waitFor();
    await page.waitForTimeout(1500);
    const catalogTitle = (hostile[1].injected.data as { title: string }).title;
    const labels = await page.locator('#starlight__search .pagefind-ui__filter-label').allTextContents();
    expect(labels.some((l) => l.startsWith(catalogTitle))).toBe(true);
    expect(await page.locator('#starlight__search img, #starlight__search meta, #starlight__search script:not([src])').count()).toBe(0);
    const gotchaTitle = (hostile[0].injected.data as { title: string }).title;
    expect(await page.locator('#starlight__search .pagefind-ui__result-link').allTextContents()).toContain(`AL9 — ${plainTitle(gotchaTitle)}`);
    expect(await pwned(page)).toBeUndefined();
    expect(page.url()).toBe(`${site.url}/gotchas/al9/`);
    expect(seen).toMatchObject({ dialogs: [], outside: [], blocked: [] });
    await page.close();
  });

  it('shows every field as the characters it holds', async () => {
    const { page } = await watchedPage();
    const gotcha = hostile[0].injected.data as { title: string; keywords: string[] };
    await page.goto(`${site.url}/gotchas/al9/`);
    expect(await page.title()).toBe(`AL9 — ${plainTitle(gotcha.title)} | Remote GPU Field Guide`);
    expect(await page.locator('h1').textContent()).toBe(`AL9 — ${plainTitle(gotcha.title)}`);
    expect(await page.locator('.gotcha-keywords code').allTextContents()).toEqual(gotcha.keywords);
    const profile = hostile[2].injected.data as { title: string; description: string };
    await page.goto(`${site.url}/`);
    const card = page.locator('.sl-link-card', { hasText: 'Test box' });
    expect(await card.locator('.title').textContent()).toBe(profile.title);
    expect(await card.locator('.description').textContent()).toBe(profile.description);
    await page.goto(`${site.url}/gotchas/`);
    expect(await page.locator('tr[data-gotcha="AL9"] td a').first().textContent()).toBe(plainTitle(gotcha.title));
    await page.close();
  });

  it('keeps the policy first in <head> and sends it as a header', async () => {
    const html = readFileSync(join(out, 'gotchas/al9/index.html'), 'utf8');
    expect(html).toMatch(/^<!DOCTYPE html><html[^>]*><head><meta charset="utf-8"\/?><meta http-equiv="content-security-policy" content="[^"]+">/);
    const res = await fetch(`${site.url}/gotchas/al9/`);
    const header = res.headers.get('content-security-policy') ?? '';
    const script = header.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src')) ?? '';
    expect(script).toMatch(/^script-src 'self'/);
    expect(script).not.toMatch(/unsafe-inline|\*|https?:/);
    expect(header).toMatch(/object-src 'none'/);
    expect(header).toMatch(/frame-ancestors 'none'/);
    expect((await fetch(`${site.url}/_headers`)).status).toBe(404);
  });

  it('exports the fields as text', () => {
    const gotcha = hostile[0].injected.data as { title: string };
    for (const file of ['llms.txt', 'llms-full.txt']) {
      const tree = parseMarkdown(readFileSync(join(out, file), 'utf8'));
      const html: string[] = [];
      const walk = (node: { type: string; value?: string; children?: unknown[] }) => {
        if (node.type === 'html' && node.value) html.push(node.value);
        for (const child of node.children ?? []) walk(child as typeof node);
      };
      walk(tree as never);
      // Page bodies are exported as written (no-raw-html reports their markup); no field may add any.
      // Every field vector names an outside path or a `__pwned` marker of its own; the body's are `body-…`.
      expect(html.filter((h) => /outside\.invalid\/\w|__pwned\s*=\s*['"](?!body-)/.test(h)), file).toEqual([]);
    }
    const list = JSON.parse(readFileSync(join(out, 'gotchas.json'), 'utf8')) as { gotchas?: { id: string; title: string }[] } | { id: string; title: string }[];
    const entries = Array.isArray(list) ? list : (list.gotchas ?? []);
    expect(entries.find((g) => g.id === 'AL9')?.title).toBe(gotcha.title);
  });

  it('reads no file through a symbolic link out of the content tree', () => {
    const host = readFileSync('/etc/hostname', 'utf8').trim();
    for (const file of allFiles(out)) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toContain(SECRET);
      if (host.length >= 8) expect(text, file).not.toContain(host);
    }
  });
});
