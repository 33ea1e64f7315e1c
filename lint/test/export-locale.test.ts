/**
 * `kb-lint export skill --locale zh-cn` and `export gotchas --locale zh-cn`: pages with an up-to-date translation come in Chinese, everything else
 * and the plain export stay English, every link of the Chinese bundle still resolves, a translation behind its
 * original is left out with a note, and an unknown locale is a usage error.
 */
import { cp, mkdtemp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, posix, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli.ts';
import { SKILL_NAME } from '../src/export/skill.ts';
import { headingAnchors } from '../src/markdown/anchors.ts';
import { parseMarkdown } from '../src/markdown/parse.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MINI = join(ROOT, 'site/test/fixtures/mini');
let tmp: string;
let zh: string;
let en: string;
let zhStderr = '';

async function run(argv: string[], cwd = ROOT) {
  const out = { stdout: '', stderr: '' };
  const code = await main({ argv: ['export', ...argv], cwd, stdout: (t) => void (out.stdout += t), stderr: (t) => void (out.stderr += t) });
  return { code, ...out };
}

/** The level-3 headings (one per gotcha entry) of a catalog file in a bundle. */
async function entryHeadings(bundle: string, catalog: string): Promise<string[]> {
  const text = await readFile(join(bundle, 'references/catalogs', `${catalog}.md`), 'utf8');
  return headingAnchors(parseMarkdown(text)).filter((a) => a.depth === 3).map((a) => a.text);
}

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'kb-export-locale-'));
  zh = join(tmp, 'zh', SKILL_NAME);
  en = join(tmp, 'en', SKILL_NAME);
  const a = await run(['skill', '--locale', 'zh-cn', '--out', zh]);
  expect(a.code, a.stderr).toBe(0);
  zhStderr = a.stderr;
  const b = await run(['skill', '--out', en]);
  expect(b.code, b.stderr).toBe(0);
}, 300_000);

afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('kb-lint export skill --locale zh-cn on the real corpus', { timeout: 120_000 }, () => {
  it('writes translated gotchas, profiles and references in Chinese and the rest in English', async () => {
    const ad5 = (await readFile(join(ROOT, 'content/i18n/zh-cn/gotchas/autodl/ad5-data-disk-full-hf-cache.md'), 'utf8')).match(/^title: "(.*)"$/m)![1];
    expect((await entryHeadings(zh, 'autodl')).find((t) => t.startsWith('AD5 — '))).toBe(`AD5 — ${ad5}`);
    const u6 = (await entryHeadings(en, 'universal')).find((t) => t.startsWith('U6 — '));
    expect((await entryHeadings(zh, 'universal')).find((t) => t.startsWith('U6 — '))).toBe(u6);
    expect(await readFile(join(zh, 'profiles/autodl.md'), 'utf8')).toMatch(/^#+ 存储$/m);
    // An untranslated page keeps its English words; only its links into translated pages name their Chinese headings.
    const headingsOf = async (bundle: string) => headingAnchors(parseMarkdown(await readFile(join(bundle, 'profiles/runpod.md'), 'utf8'))).map((a) => a.text);
    expect(await headingsOf(zh)).toEqual(await headingsOf(en));
    expect(zhStderr).toMatch(/zh-cn: \d+ page\(s\) in translation, the rest in English/);
  });

  it('stays English without --locale', async () => {
    const headings = await entryHeadings(en, 'autodl');
    expect(headings.length).toBeGreaterThan(0);
    for (const t of headings) expect(t, t).not.toMatch(/\p{Script=Han}/u);
    expect(await readFile(join(en, 'profiles/autodl.md'), 'utf8')).not.toMatch(/^#+ 存储$/m);
  });

  it('keeps the scripts byte for byte and every link resolving to a file and a heading', async () => {
    const files = (await readdir(zh, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => relative(zh, join(e.parentPath, e.name)).split('\\').join('/'));
    expect(files.sort()).toEqual((await readdir(en, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => relative(en, join(e.parentPath, e.name)).split('\\').join('/')).sort());
    for (const f of files.filter((x) => x.startsWith('scripts/'))) expect((await readFile(join(zh, f))).equals(await readFile(join(en, f))), f).toBe(true);
    const anchors = new Map<string, Set<string>>();
    const broken: string[] = [];
    let checked = 0;
    for (const file of files.filter((f) => f.endsWith('.md'))) {
      const urls: string[] = [];
      const visit = (node: { type: string; url?: string; children?: unknown[] }) => {
        if (node.type === 'link' && node.url) urls.push(node.url);
        for (const child of (node.children ?? []) as (typeof node)[]) visit(child);
      };
      visit(parseMarkdown(await readFile(join(zh, file), 'utf8')));
      for (const url of urls.filter((u) => !/^(https?|mailto):/.test(u))) {
        checked++;
        const [path, fragment] = url.split('#', 2);
        const target = path ? posix.normalize(posix.join(posix.dirname(file), decodeURI(path))) : file;
        if (!files.includes(target)) broken.push(`${file}: ${url}`);
        else if (fragment !== undefined) {
          if (!anchors.has(target)) anchors.set(target, new Set(headingAnchors(parseMarkdown(await readFile(join(zh, target), 'utf8'))).map((a) => a.id)));
          if (!anchors.get(target)!.has(decodeURIComponent(fragment))) broken.push(`${file}: ${url} (no heading)`);
        }
      }
    }
    expect(broken).toEqual([]);
    expect(checked).toBeGreaterThan(1000);
  });
});

describe('kb-lint export gotchas', { timeout: 120_000 }, () => {
  it('prints English records unless asked, and with --locale zh-cn the Chinese title, keywords and page of each translated gotcha', async () => {
    const en = await run(['gotchas', '--base', '/guide/']);
    const zhOut = await run(['gotchas', '--locale', 'zh-cn', '--base', '/guide']);
    expect(en.code, en.stderr).toBe(0);
    expect(zhOut.code, zhOut.stderr).toBe(0);
    const english = JSON.parse(en.stdout) as Record<string, unknown>[];
    const chinese = JSON.parse(zhOut.stdout) as Record<string, unknown>[];
    expect(chinese.map((r) => r.id)).toEqual(english.map((r) => r.id));
    expect(english.length).toBeGreaterThan(100);
    const byId = (rs: Record<string, unknown>[], id: string) => rs.find((r) => r.id === id)!;
    expect(byId(english, 'AD5').url).toBe('/guide/gotchas/ad5/');
    expect(byId(english, 'AD5').title).not.toMatch(/\p{Script=Han}/u);
    expect(byId(chinese, 'AD5').url).toBe('/guide/zh-cn/gotchas/ad5/');
    expect(byId(chinese, 'AD5').title).toMatch(/数据盘|满了/);
    expect(byId(chinese, 'AD5').keywords).toContain('数据盘');
    expect(byId(chinese, 'U6')).toEqual(byId(english, 'U6'));
    // Every fact is the English page's: only the words and the page differ.
    for (let i = 0; i < english.length; i++) {
      const { url: _u1, title: _t1, keywords: _k1, ...facts } = english[i];
      const { url: _u2, title: _t2, keywords: _k2, ...same } = chinese[i];
      expect(same, String(english[i].id)).toEqual(facts);
    }
  });

  it('refuses a --base that is not a path, with exit 2', async () => {
    const result = await run(['gotchas', '--base', 'guide']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Unexpected --base `guide`/);
  });
});

describe('kb-lint export skill --locale on a small project', { timeout: 120_000 }, () => {
  it('exports an up-to-date translation in Chinese, and a behind one in English with a note', async () => {
    const root = join(tmp, 'mini');
    await cp(MINI, root, { recursive: true });
    const original = 'content/gotchas/alpha/al1-fixture-entry-1.md';
    const english = await readFile(join(root, original), 'utf8');
    const translate = (sha: string) =>
      english
        .replace('title: "Fixture symptom number 1: zebracorn error appears"', 'title: "夹具症状 1：出现斑马角错误"')
        .replace('principles: [1]\n', `principles: [1]\ntranslates:\n  path: ${original}\n  sha256: ${sha}\n`)
        .replace('The run prints', '运行打印出');
    const sha = createHash('sha256').update(english).digest('hex');
    await mkdir(join(root, 'content/i18n/zh-cn/gotchas/alpha'), { recursive: true });
    await writeFile(join(root, 'content/i18n/zh-cn', original.slice('content/'.length)), translate(sha));
    const fresh = await run(['skill', '--root', root, '--locale', 'zh-cn', '--out', 'a/x'], root);
    expect(fresh.code, fresh.stderr).toBe(0);
    expect(fresh.stderr).toMatch(/zh-cn: 1 page\(s\) in translation/);
    const catalog = await readFile(join(root, 'a/x/references/catalogs/alpha.md'), 'utf8');
    expect(catalog).toContain('### AL1 — 夹具症状 1：出现斑马角错误');
    expect(catalog).toContain('运行打印出');
    // Facts come from the English page either way.
    expect(catalog).toContain('**Provenance:** checked 2026-01');

    await writeFile(join(root, original), english.replace('Fixture number 1 has a made-up cause.', 'Fixture number 1 has a different made-up cause.'));
    const behind = await run(['skill', '--root', root, '--locale', 'zh-cn', '--out', 'b/x'], root);
    expect(behind.code, behind.stderr).toBe(0);
    expect(behind.stderr).toContain(`Note: \`content/i18n/zh-cn/gotchas/alpha/al1-fixture-entry-1.md\` is behind \`${original}\``);
    const stale = await readFile(join(root, 'b/x/references/catalogs/alpha.md'), 'utf8');
    expect(stale).toContain('### AL1 — Fixture symptom number 1: zebracorn error appears');
    expect(stale).toContain('a different made-up cause');
    expect(stale).not.toContain('运行打印出');
  });

  it('refuses a locale it has no edition for, with exit 2', async () => {
    const result = await run(['skill', '--locale', 'fr', '--out', join(tmp, 'fr', SKILL_NAME)]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Unknown locale `fr` for --locale, expected `en` or `zh-cn`/);
  });
});
