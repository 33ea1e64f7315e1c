/**
 * The search eval's cases file: a case may expect a gotcha or another content page (a reference such as the
 * deliver page), and a page that does not exist is refused with the line that names it, so a renamed page
 * cannot turn a case into a silent miss.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CaseFileError, idOf, loadCases, pagePaths } from '../../evals/run-search-evals.ts';

const dir = mkdtempSync(join(tmpdir(), 'search-cases-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function casesFile(...lines: object[]): string {
  const file = join(dir, `cases-${Math.random().toString(36).slice(2)}.jsonl`);
  writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n'));
  return file;
}

describe('search eval cases', () => {
  it('knows the path of every kind of content page that is not a gotcha', () => {
    const pages = pagePaths();
    for (const path of ['/reference/deliver/', '/reference/verify/', '/catalogs/verification/', '/profiles/runpod/', '/templates/make_manifest-sh/', '/templates/run_one-sh-template/']) {
      expect(pages.has(path), path).toBe(true);
    }
    expect(pages.has('/gotchas/u6/')).toBe(false);
  });

  it('accepts a case that expects a reference page next to one that expects a gotcha', () => {
    const cases = loadCases(casesFile({ query: 'sha256 manifest', expect: ['/reference/deliver/'], kind: 'page' }, { query: 'U6', expect: ['U6'], kind: 'id' }));
    expect(cases.map((c) => c.expect)).toEqual([['/reference/deliver/'], ['U6']]);
  });

  it('refuses a page path that no page has, naming the file line', () => {
    const file = casesFile({ query: 'a', expect: ['U6'] }, { query: 'b', expect: ['/reference/delivery/'] });
    expect(() => loadCases(file)).toThrow(CaseFileError);
    expect(() => loadCases(file)).toThrow(/:2: expect\[0\] "\/reference\/delivery\/" is not the path of a reference, catalog, profile or template page/);
  });

  it('still refuses an unknown gotcha id', () => {
    expect(() => loadCases(casesFile({ query: 'a', expect: ['ZZ99'] }))).toThrow(/:1: expect\[0\] "ZZ99" is not a gotcha id/);
  });

  it('reads a result link to a reference page as that page’s path, and a gotcha link as its id', () => {
    const ids = new Set(['U6']);
    expect(idOf('http://localhost:4321/reference/deliver/', ids)).toBe('/reference/deliver/');
    expect(idOf('http://localhost:4321/gotchas/u6/', ids)).toBe('U6');
  });
});

describe('search eval cases of a language edition', () => {
  it('tells a translated gotcha page from the English page of the same id', () => {
    const ids = new Set(['AD5']);
    expect(idOf('http://x/gotchas/ad5/', ids)).toBe('AD5');
    expect(idOf('http://x/zh-cn/gotchas/ad5/', ids)).toBe('/zh-cn/gotchas/ad5/');
  });

  it('loads the zh-cn cases, every expected page being a translation that exists', async () => {
    const { localePagePaths } = await import('../../evals/run-search-evals.ts');
    const pages = new Set([...pagePaths(), ...localePagePaths('zh-cn')]);
    const cases = loadCases(join(import.meta.dirname, '../../evals/search-cases.zh-cn.jsonl'), new Set(), pages);
    expect(cases.map((c) => c.query)).toEqual(expect.arrayContaining(['关机', '数据盘', '释放', '无卡模式', '学术加速', '镜像源']));
    expect(() => loadCases(casesFile({ query: '关机', expect: ['/zh-cn/profiles/runpod/'] }), new Set(), pages)).toThrow(CaseFileError);
  });
});
