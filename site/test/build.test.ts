/**
 * Site builds on fixture content trees: one page per entry, and a broken entry fails the build naming the file
 * and the field — in the same words the linter uses, because both run the same schema.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, ROOT } from './serve.ts';
import { lint } from '../../lint/src/engine/run.ts';
import { corpusFiles } from '../../lint/src/files.ts';

const FIXTURE = join(ROOT, 'site/test/fixtures/mini/content');
const work = mkdtempSync(join(tmpdir(), 'kb-site-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function copyFixture(name: string): string {
  const dir = join(work, name, 'content');
  cpSync(FIXTURE, dir, { recursive: true });
  return dir;
}

describe('site build on the mini fixture', () => {
  const out = join(work, 'dist-ok');
  let result: Awaited<ReturnType<typeof buildSite>>;
  beforeAll(async () => {
    result = await buildSite({ contentDir: FIXTURE, outDir: out, env: { REPOSITORY_URL: 'https://github.com/example/guide' } });
  });

  it('succeeds', () => {
    expect(result.code, result.output.slice(-2000)).toBe(0);
  });
  it('prints no warning: not about Shiki, Starlight’s i18n or docs collection, nor the translation folders a tree lacks', () => {
    expect(result.output).not.toContain('Shiki');
    expect(result.output).not.toContain('"i18n" does not exist or is empty');
    // Since the locales were configured (issue 32) the empty-docs-collection warning no longer appears here,
    // and the fixture has no content/i18n/, whose collections then stay empty without a word (content.config.ts).
    expect(result.output.split('\n').filter((l) => /\[WARN\]/.test(l))).toEqual([]);
  });
  it('words Starlight’s edit link "Edit this page"', () => {
    const html = readFileSync(join(out, 'gotchas/al1/index.html'), 'utf8');
    expect(html).toMatch(/<a href="https:\/\/github.com\/example\/guide\/edit\/main\/content\/gotchas\/alpha\/al1[^"]*"[^>]*>[\s\S]*?Edit this page/);
  });
  it('renders one page per gotcha and per profile', () => {
    const gotchas = readdirSync(join(FIXTURE, 'gotchas/alpha')).length;
    expect(readdirSync(join(out, 'gotchas')).filter((d) => existsSync(join(out, 'gotchas', d, 'index.html')) && d !== 'index.html')).toHaveLength(gotchas);
    expect(readdirSync(join(out, 'profiles'))).toEqual(['testbox']);
  });
  it('renders Symptom, Root cause and Fix as distinct blocks, with source links and a verified badge', () => {
    const html = readFileSync(join(out, 'gotchas/al1/index.html'), 'utf8');
    for (const section of ['symptom', 'root-cause', 'fix']) expect(html).toContain(`data-section="${section}"`);
    expect(html).toMatch(/<a href="https:\/\/example.com\/source-1"[^>]*>Example source 1<\/a>/);
    expect(html).toMatch(/data-verified="2026-01"/);
    expect(html).toContain('href="/reference/principles/#principle-2"');
  });
  it('shows a checked page as checked, with the quoted passage escaped under its source and the month', () => {
    const html = readFileSync(join(out, 'gotchas/al1/index.html'), 'utf8');
    expect(html).toMatch(/data-provenance="checked"[^>]*>\s*checked 2026-01 ·/);
    expect(html).toContain('<blockquote class="source-quote" cite="https://example.com/source-1">The zebracorn error &lt;script&gt;alert(1)&lt;/script&gt; appears when the disk is full.</blockquote>');
    expect(html).toMatch(/data-checked="2026-01"[^>]*> · checked 2026-01/);
  });
  it('shows a carried-over page with a neutral badge that never says verified', () => {
    const html = readFileSync(join(out, 'gotchas/al2/index.html'), 'utf8');
    const badge = /<span class="verified verified-carried-over"[^>]*>([^<]*)<\/span>/.exec(html);
    expect(badge?.[1].trim()).toBe('carried over from upstream (2026-07)');
    expect(badge?.[0]).toContain('upstream said it checked them in 2026-02');
    expect(html).not.toMatch(/>\s*verified \d{4}-\d{2}/);
    expect(html).not.toContain('data-verified=');
    // The gotcha list gives it the "carried over" facet value and no month.
    const list = readFileSync(join(out, 'gotchas/index.html'), 'utf8');
    expect(list).toMatch(/<tr data-gotcha="AL2"[^>]*data-age="carried-over"/);
    expect(list).toMatch(/<tr data-gotcha="AL1"[^>]*data-age="(fresh|ageing|stale)"/);
  });
  it('indexes gotcha pages for search with filters and meta', () => {
    expect(existsSync(join(out, 'pagefind/pagefind.js'))).toBe(true);
    const html = readFileSync(join(out, 'gotchas/al2/index.html'), 'utf8');
    expect(html).toContain('data-pagefind-body');
    expect(html).toContain('data-pagefind-meta="id:AL2"');
    expect(html).toContain('data-pagefind-filter="platform:testbox"');
  });
});

const broken: [string, (text: string) => string, RegExp][] = [
  ['a missing field', (t) => t.replace(/^title: .*\n/m, ''), /title/],
  ['a malformed month', (t) => t.replace(/^verified: .*$/m, 'verified: 2026-13'), /verified: Expected a month written `YYYY-MM` \(month 01–12\), got `2026-13`/],
  ['a month name', (t) => t.replace(/^verified: .*$/m, 'verified: June'), /verified: Expected a month written `YYYY-MM` \(month 01–12\), got `June`/],
  ['a non-https source', (t) => t.replace('https://example.com/source-1', 'http://example.com/source-1'), /sources\.0\.url: Expected an `https:` URL, got `http:\/\/example.com\/source-1`/],
  // js-yaml (Astro's reader, and the linter's) reads a bare date as a Date, which a string field refuses.
  ['a bare date as title', (t) => t.replace(/^title: .*$/m, 'title: 2026-06-01'), /title/],
  ['an unknown catalog', (t) => t.replace('catalog: alpha', 'catalog: univrsal'), /catalog: Unknown catalog `univrsal`, expected one of `alpha`/],
];

describe.each(broken)('a gotcha with %s', (name, breakIt, expected) => {
  it('fails the build naming the file and the field, as the linter does', async () => {
    const dir = copyFixture(name.replace(/\W+/g, '-'));
    const file = join(dir, 'gotchas/alpha/al1-fixture-entry-1.md');
    writeFileSync(file, breakIt(readFileSync(file, 'utf8')));
    const { code, output } = await buildSite({ contentDir: dir, outDir: join(work, `dist-${name.replace(/\W+/g, '-')}`) });
    expect(code).not.toBe(0);
    expect(output).toContain('al1-fixture-entry-1');
    expect(output).toMatch(expected);
    // The linter, run on the same tree, reports the same field with the same words.
    const root = join(dir, '..');
    const { findings } = await lint({ root, corpus: await corpusFiles(root), today: '2026-11', maxAge: 120 });
    const messages = findings.filter((f) => f.file.endsWith('al1-fixture-entry-1.md')).map((f) => f.message);
    const words = expected.source.replace(/^.*?: /, '').replace(/\\/g, '');
    if (name !== 'a missing field') expect(messages.some((m) => m.includes(words.slice(0, 30)))).toBe(true);
    else expect(messages).toContain('Missing required field `title`');
  });
});
