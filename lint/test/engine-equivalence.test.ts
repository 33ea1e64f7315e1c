/**
 * Threads and the cache are optimisations: the findings must be exactly those of the plain run that keeps
 * every tree in memory and runs rule after rule (`lintParsed`). Checked on the real corpus and on a
 * generated one salted with problems of every kind, cold, warm and after edits.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { generateCorpus, writeCorpus } from '../../bench/generate.ts';
import { lint, lintParsed, parseFiles, type LintOptions } from '../src/engine/run.ts';
import { corpusFiles } from '../src/files.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const temp = (name: string) => {
  const dir = mkdtempSync(join(tmpdir(), `kb-eq-${name}-`));
  dirs.push(dir);
  return dir;
};

async function reference(options: Omit<LintOptions, 'cacheDir'>) {
  return (await lintParsed(await parseFiles(options.root, options.corpus), options)).findings;
}

describe('cached runs give the plain run’s findings', () => {
  it('on the real corpus, with stamps aged into warnings and errors', { timeout: 600_000 }, async () => {
    const corpus = await corpusFiles(ROOT);
    // A month far ahead turns every stamp stale, so the comparison covers many findings, not zero.
    const options = { root: ROOT, corpus, today: '2031-01', maxAge: 6 };
    const expected = await reference(options);
    expect(expected.length).toBeGreaterThan(100);
    const cacheDir = temp('real-cache');
    expect(await lint(options).then((r) => r.findings)).toEqual(expected);
    const cold = await lint({ ...options, cacheDir });
    expect(cold.stats).toMatchObject({ parsed: corpus.length, cached: 0 });
    expect(cold.findings).toEqual(expected);
    const warm = await lint({ ...options, cacheDir });
    expect(warm.stats).toMatchObject({ parsed: 0, cached: corpus.length });
    expect(warm.findings).toEqual(expected);
  });

  it('on a generated corpus with broken files, across edits that do and do not change the index', { timeout: 600_000 }, async () => {
    const root = temp('generated');
    const generated = generateCorpus({ gotchas: 150, profiles: 4, catalogs: 6, paragraphs: 1, seed: 7 });
    writeCorpus(root, generated);
    const [a, b, c, d, e] = [...generated.files.keys()].filter((p) => p.startsWith('content/gotchas/')).slice(0, 5);
    const salt: Record<string, (text: string) => string> = {
      // An unknown gotcha, an unknown profile anchor and a path link: cross-ref on the summary.
      [a]: (t) => t.replace('## Fix\n', '## Fix\n\nSee [nothing](gotcha:ZZ9), [x](profile:platform-1#nowhere) and [y](../y.md).\n'),
      // A stamp in a fixable format: verified-stamp reads the text back for its fix.
      [b]: (t) => t.replace(/verified: \d{4}-\d{2}/, 'verified: 2026/7').replace('## Symptom\n', '## Symptom\n\nThe disk (verified 2026-7) fills.\n'),
      // A duplicate id (a project rule) and a missing section (a tree rule).
      [c]: (t) => t.replace(/^id: .*$/m, `id: ${generated.gotchaIds[0]}`).replace('## Root cause', '## Reason'),
      // Broken YAML and a TODO.
      [d]: (t) => t.replace(/^title: /m, 'title: [unclosed ').replace('## Fix\n', '## Fix\n\nTODO\n'),
      // Well-formed frontmatter naming a platform and a catalog the corpus lacks: only the index can tell.
      [e]: (t) => t.replace(/^platforms: .*$/m, 'platforms: [all, platform-99]').replace(/^catalog: .*$/m, 'catalog: family-99'),
    };
    for (const [path, change] of Object.entries(salt)) writeFileSync(join(root, path), change(readFileSync(join(root, path), 'utf8')));
    const corpus = await corpusFiles(root);
    const options = { root, corpus, today: '2027-09', maxAge: 6, severities: new Map([['no-todo', 'warning' as const]]) };
    const cacheDir = join(root, '.cache', 'kb-lint');
    const check = async (label: string) => {
      const expected = await reference(options);
      expect(expected.length, label).toBeGreaterThan(10);
      expect((await lint(options)).findings, `${label}: no cache`).toEqual(expected);
      const cached = await lint({ ...options, cacheDir });
      expect(cached.findings, `${label}: through the cache`).toEqual(expected);
      return cached.stats;
    };
    expect(await check('cold')).toMatchObject({ parsed: corpus.length });
    expect(await check('warm')).toMatchObject({ parsed: 0 });
    // A prose edit leaves the index as it was; a new heading changes it, so every file's index rules rerun.
    writeFileSync(join(root, a), readFileSync(join(root, a), 'utf8') + '\nOne more sentence of prose.\n');
    expect(await check('prose edit')).toMatchObject({ parsed: 1 });
    writeFileSync(join(root, 'content/profiles/platform-1.md'), readFileSync(join(root, 'content/profiles/platform-1.md'), 'utf8') + '\n## Nowhere\n\nNow the anchor exists.\n');
    expect(await check('new anchor')).toMatchObject({ parsed: 1 });
    // A profile goes: gotchas that name it, unchanged and cached as valid, must now fail their schema.
    const naming = [...generated.files].filter(([p, t]) => p.startsWith('content/gotchas/') && /^platforms: \[platform-2\]$/m.test(t));
    expect(naming.length).toBeGreaterThan(0);
    rmSync(join(root, 'content/profiles/platform-2.md'));
    const remaining = await corpusFiles(root);
    const afterRemoval = await reference({ ...options, corpus: remaining });
    expect(afterRemoval.some((f) => f.file === naming[0][0] && /Unknown platform `platform-2`/.test(f.message))).toBe(true);
    expect((await lint({ ...options, corpus: remaining, cacheDir })).findings).toEqual(afterRemoval);
    // Targets filter what is reported, never what is indexed.
    const targets = [a, c];
    expect((await lint({ ...options, targets, cacheDir })).findings).toEqual((await lintParsed(await parseFiles(root, corpus), { ...options, targets })).findings);
  });

  it('a file rule that asks for both the index and the tree is an internal error, not a silent difference', async () => {
    const { analyse, lightFile } = await import('../src/engine/analyse.ts');
    const { summary } = await analyse('content/gotchas/alpha/al1-x.md', new TextEncoder().encode('---\nid: AL1\n---\n## Symptom\n'), { maxAge: 6, today: '2026-11', severities: [] });
    const file = lightFile(summary, new Uint8Array());
    expect(() => file.tree).toThrow(/syntax tree of `content\/gotchas\/alpha\/al1-x.md`/);
  });
});
