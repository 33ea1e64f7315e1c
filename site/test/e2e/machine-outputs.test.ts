/**
 * The files the built site serves to programs rather than people: /gotchas.json and /profiles.json (facts that
 * must still satisfy the content model), /llms.txt and its Chinese edition /zh-cn/llms.txt (indexes whose every
 * link must answer on the served site) and /llms-full.txt (all content, every gotcha included). Served by
 * `astro preview` from a real build, read with fetch: no browser is needed to check what a crawler gets.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preview, ROOT, type Preview } from '../serve.ts';
import { builtSite } from './built.ts';
import { corpusFiles } from '../../../lint/src/files.ts';
import { parseFiles } from '../../../lint/src/engine/run.ts';
import { GotchaSchema, ProfileSchema } from '../../../lint/src/schema/index.ts';
import { gotchaPath, parseInternalLink, profilePath } from '../../../lint/src/markdown/links.ts';
import { parseMarkdown } from '../../../lint/src/markdown/parse.ts';
import { toString } from 'mdast-util-to-string';
import type { Link } from 'mdast';
import { contentHash, originalPath } from '../../../lint/src/rules/translation/index.ts';
import { headingAnchors } from '../../../lint/src/markdown/anchors.ts';
import type { LintFile } from '../../../lint/src/engine/types.ts';
import { main } from '../../../lint/src/cli.ts';

const OUT = builtSite();
let server: Preview;
let files: LintFile[];

beforeAll(async () => {
  server = await preview(OUT);
  files = await parseFiles(ROOT, await corpusFiles(ROOT));
});

afterAll(async () => {
  await server?.stop();
});

async function get(path: string) {
  const res = await fetch(`${server.url}${path}`);
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: await res.text() };
}

const published = () => files.filter((f) => f.kind === 'gotcha' && f.frontmatter.data.draft !== true);
const known = () => ({ catalogs: files.filter((f) => f.kind === 'catalog').map((f) => f.slug), platforms: files.filter((f) => f.kind === 'profile').map((f) => f.slug) });

/** Every link URL in a Markdown text, parsed with the project's processor rather than a regex. */
function linksOf(markdown: string): string[] {
  const urls: string[] = [];
  const visit = (node: { type: string; url?: string; children?: unknown[] }) => {
    if ((node.type === 'link' || node.type === 'definition') && node.url) urls.push(node.url);
    for (const child of (node.children ?? []) as (typeof node)[]) visit(child);
  };
  visit(parseMarkdown(markdown));
  return urls;
}

/** The list items of an llms.txt: each link's plain text and site path, in order. */
function indexEntries(markdown: string): { text: string; path: string }[] {
  const entries: { text: string; path: string }[] = [];
  const visit = (node: { type: string; children?: unknown[] }) => {
    if (node.type === 'link') entries.push({ text: toString(node), path: new URL((node as Link).url, server.url).pathname });
    for (const child of (node.children ?? []) as (typeof node)[]) visit(child);
  };
  visit(parseMarkdown(markdown));
  return entries;
}

/** Chinese translations whose English original still hashes to their `translates.sha256`. */
function currentTranslations(): LintFile[] {
  return files.filter((f) => {
    if (f.kind !== 'translation' || !f.slug.startsWith('zh-cn/') || f.frontmatter.data.draft === true) return false;
    const original = files.find((o) => o.path === originalPath(f.slug));
    return original !== undefined && contentHash(original.text) === (f.frontmatter.data.translates as { sha256: string }).sha256;
  });
}

describe('machine-readable outputs of the built site', () => {
  it('gotchas.json holds exactly what `kb-lint export gotchas` prints in a checkout', async () => {
    const { body } = await get('/gotchas.json');
    const out = { stdout: '', stderr: '' };
    const code = await main({ argv: ['export', 'gotchas'], cwd: ROOT, stdout: (t) => void (out.stdout += t), stderr: (t) => void (out.stderr += t) });
    expect(code, out.stderr).toBe(0);
    expect(JSON.parse(out.stdout)).toEqual(JSON.parse(body));
  });

  it('gotchas.json: one record per published gotcha file, each valid frontmatter plus the URL of a page that answers', async () => {
    const { status, type, body } = await get('/gotchas.json');
    expect(status).toBe(200);
    expect(type).toMatch(/json/);
    const records = JSON.parse(body) as ({ url: string; id: string } & Record<string, unknown>)[];
    const ids = published().map((f) => String(f.frontmatter.data.id)).sort();
    expect(records.map((r) => r.id).sort()).toEqual(ids);
    const schema = GotchaSchema(known());
    for (const { url, ...facts } of records) {
      const parsed = schema.safeParse(facts);
      expect(parsed.success, `${facts.id}: ${parsed.error?.message}`).toBe(true);
      expect(url).toBe(gotchaPath(facts.id as string));
    }
    const sample = [records[0], records[Math.floor(records.length / 2)], records.at(-1)!];
    for (const r of sample) expect((await get(r.url)).status, r.url).toBe(200);
  });

  it('profiles.json: one record per profile file, each valid frontmatter plus its id and page URL', async () => {
    const { status, body } = await get('/profiles.json');
    expect(status).toBe(200);
    const records = JSON.parse(body) as ({ id: string; url: string } & Record<string, unknown>)[];
    expect(records.map((r) => r.id).sort()).toEqual(files.filter((f) => f.kind === 'profile').map((f) => f.slug).sort());
    for (const { id, url, ...facts } of records) {
      const parsed = ProfileSchema().safeParse(facts);
      expect(parsed.success, `${id}: ${parsed.error?.message}`).toBe(true);
      expect(url).toBe(profilePath(id));
      expect((await get(url)).status, url).toBe(200);
    }
    // Sidebar order, as the profile pages list them: a stable order for consumers that diff the file.
    const orders = records.map((r) => r.order as number);
    expect(orders).toEqual([...orders].sort((a, b) => a - b));
  });

  it('llms.txt: a title, a summary, sections of described links, and every link answers on the served site', async () => {
    const { status, type, body } = await get('/llms.txt');
    expect(status).toBe(200);
    expect(type).toMatch(/text\/plain/);
    const lines = body.split('\n');
    expect(lines[0]).toMatch(/^# \S/);
    expect(lines.find((l) => l.trim() !== '' && !l.startsWith('# '))).toMatch(/^> \S/);
    expect(lines.filter((l) => l.startsWith('## ')).length).toBeGreaterThanOrEqual(4);
    // Each list item is `- [name](url): description`.
    const items = lines.filter((l) => l.startsWith('- '));
    for (const item of items) expect(item, item).toMatch(/^- \[.+\]\(\S+\): \S/);

    const urls = linksOf(body);
    expect(urls.length).toBe(items.length);
    expect(urls.length).toBeGreaterThan(published().length);
    const failures: string[] = [];
    for (const url of new Set(urls)) {
      const path = new URL(url, server.url).pathname;
      const { status: code } = await get(path);
      if (code !== 200) failures.push(`${url} → ${code}`);
    }
    expect(failures).toEqual([]);
  });

  it('zh-cn/llms.txt: the English index with each up-to-date translation under its Chinese title and /zh-cn/ URL, and every link answers', async () => {
    const { status, type, body } = await get('/zh-cn/llms.txt');
    expect(status).toBe(200);
    expect(type).toMatch(/text\/plain/);
    const english = (await get('/llms.txt')).body;
    const zh = indexEntries(body);
    const en = indexEntries(english);
    const sections = (text: string) => text.split('\n').filter((l) => l.startsWith('## ')).length;
    expect(sections(body)).toBe(sections(english));
    // The same pages in the same order, each either the English page or its /zh-cn/ edition; the Chinese index
    // adds one link of its own, to the English index.
    expect(zh.filter((e) => e.path === '/llms.txt')).toHaveLength(1);
    const pages = zh.filter((e) => e.path !== '/llms.txt');
    expect(pages.map((e) => e.path.replace(/^\/zh-cn\//, '/'))).toEqual(en.map((e) => e.path));
    // Exactly the translations that are current are listed in Chinese.
    const translated = pages.filter((e) => e.path.startsWith('/zh-cn/'));
    expect(translated.length).toBeGreaterThan(0);
    expect(translated).toHaveLength(currentTranslations().length);

    const zhFile = (id: string) => currentTranslations().find((f) => f.frontmatter.data.id === id);
    const englishFile = (id: string) => published().find((f) => f.frontmatter.data.id === id);
    // AD5 has an up-to-date Chinese translation: its Chinese title and Chinese page.
    const ad5 = zhFile('AD5');
    expect(ad5, 'AD5 translation current').toBeDefined();
    const ad5Title = toString(parseMarkdown(String(ad5!.frontmatter.data.title)));
    expect(pages).toContainEqual({ text: `AD5 — ${ad5Title}`, path: '/zh-cn/gotchas/ad5/' });
    // U6 has none: its English title and English page, as in /llms.txt.
    expect(files.some((f) => f.kind === 'translation' && f.frontmatter.data.id === 'U6')).toBe(false);
    const u6Title = toString(parseMarkdown(String(englishFile('U6')!.frontmatter.data.title)));
    expect(pages).toContainEqual({ text: `U6 — ${u6Title}`, path: '/gotchas/u6/' });
    expect(en).toContainEqual({ text: `U6 — ${u6Title}`, path: '/gotchas/u6/' });

    const failures: string[] = [];
    for (const path of new Set(zh.map((e) => e.path))) {
      const { status: code } = await get(path);
      if (code !== 200) failures.push(`${path} → ${code}`);
    }
    expect(failures).toEqual([]);
  });

  it('llms-full.txt: every gotcha as its own section, and no scheme link left unresolved', async () => {
    const { status, type, body } = await get('/llms-full.txt');
    expect(status).toBe(200);
    expect(type).toMatch(/text\/plain/);
    // Page titles are level-1 headings; `# ` lines inside shell code blocks are not, so read the tree.
    const titles = headingAnchors(parseMarkdown(body)).filter((h) => h.depth === 1).map((h) => h.text);
    for (const f of published()) {
      const id = String(f.frontmatter.data.id);
      expect(titles.filter((t) => t.startsWith(`${id} — `)), id).toHaveLength(1);
    }
    const urls = linksOf(body);
    expect(urls.filter((u) => parseInternalLink(u))).toEqual([]);
    expect(urls.filter((u) => u.startsWith('#'))).toEqual([]);
    // Profile facts and the reference pages come along, not only gotchas.
    expect(body).toContain('Facts at a glance');
    expect(titles).toContain('The ten operating principles');
    expect(titles).toContain('Delivering results');
    // So do the script templates, each once, with the script itself in a bash block.
    const scripts = files.filter((f) => f.kind === 'template').map((f) => f.path.split('/').at(-1)!);
    expect(scripts).toContain('make_manifest.sh');
    for (const file of scripts) expect(titles.filter((t) => t.startsWith(`${file} — `)), file).toHaveLength(1);
    expect(body).toContain('```bash\n#!/usr/bin/env bash\n# ---\n# title: Results manifest');
  });
});
