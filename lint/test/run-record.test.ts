/**
 * The run record answers a re-run only when nothing that decides the answer changed: every byte of every
 * file, the file list, the options, the files reported on and the files a change adds.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli.ts';
import type { Finding } from '../src/engine/analyse.ts';
import { recalled, remember, type RunInput } from '../src/engine/run-record.ts';
import { tempDirs, writeTree } from './corpus.ts';

const temp = tempDirs('kb-record-');

const FINDING: Finding = { file: 'content/a.md', line: 3, column: 1, ruleId: 'cross-ref', severity: 'error', message: 'Unknown gotcha id `X9`', url: 'http://localhost:4321/lint/cross-ref/' };
const input = (over: Partial<RunInput> = {}): RunInput => ({
  config: { maxAge: 6, today: '2026-11', severities: [] },
  paths: ['content/a.md', 'content/b.md'],
  hashes: ['hash-a', 'hash-b'],
  errors: [undefined, undefined],
  ...over,
});

describe('run record', () => {
  it('gives back what was remembered for the same input', async () => {
    const dir = temp();
    await remember(dir, input(), [FINDING]);
    expect(await recalled(dir, input())).toEqual([FINDING]);
  });

  it.each<[string, Partial<RunInput>]>([
    ['a file’s bytes', { hashes: ['hash-a', 'hash-b2'] }],
    ['a file added', { paths: ['content/a.md', 'content/b.md', 'content/c.md'], hashes: ['hash-a', 'hash-b', 'hash-c'], errors: [undefined, undefined, undefined] }],
    ['a file now unreadable', { hashes: ['hash-a', undefined], errors: [undefined, 'EACCES'] }],
    ['the month', { config: { maxAge: 6, today: '2026-12', severities: [] } }],
    ['--max-age', { config: { maxAge: 3, today: '2026-11', severities: [] } }],
    ['a rule setting', { config: { maxAge: 6, today: '2026-11', severities: [['cross-ref', 'off']] } }],
    ['the files reported on', { targets: ['content/a.md'] }],
    ['the files a change adds', { extra: ['content/b.md'] }],
  ])('misses when %s changed', async (_, over) => {
    const dir = temp();
    await remember(dir, input(), [FINDING]);
    expect(await recalled(dir, input(over))).toBeUndefined();
  });

  it('keeps the eight newest records and forgets older ones', async () => {
    const dir = temp();
    for (let i = 0; i < 10; i++) {
      await remember(dir, input({ targets: [`content/${i}.md`] }), [FINDING]);
      // mtimes order the records; make them differ even on a coarse clock.
      await new Promise((r) => setTimeout(r, 15));
    }
    expect(readdirSync(dir).filter((n) => n.endsWith('.run.json'))).toHaveLength(8);
    expect(await recalled(dir, input({ targets: ['content/9.md'] }))).toEqual([FINDING]);
    expect(await recalled(dir, input({ targets: ['content/0.md'] }))).toBeUndefined();
  });

  it('treats a damaged record as a miss, and a folder it cannot write as no record', async () => {
    const dir = temp();
    await remember(dir, input(), [FINDING]);
    for (const name of readdirSync(dir)) writeFileSync(join(dir, name), '{"format":1,"key":');
    expect(await recalled(dir, input())).toBeUndefined();
    const file = join(temp(), 'a-file');
    writeFileSync(file, '');
    await expect(remember(join(file, 'cache'), input(), [FINDING])).resolves.toBeUndefined();
    expect(await recalled(join(file, 'cache'), input())).toBeUndefined();
  });
});

describe('the command line and its run record', () => {
  const project = () => writeTree(temp());
  async function run(cwd: string, ...argv: string[]) {
    let stdout = '';
    const code = await main({ argv: [...argv, '--today', '2026-11', '--format', 'json'], cwd, stdout: (t) => (stdout += t), stderr: () => undefined, env: {} });
    return { code, findings: JSON.parse(stdout) as Finding[] };
  }
  const recordFiles = (root: string) => readdirSync(join(root, '.cache/kb-lint')).filter((n) => n.endsWith('.run.json')).map((n) => join(root, '.cache/kb-lint', n));

  it('answers an unchanged re-run from the record, and stops the moment one byte changes', async () => {
    const root = project();
    const first = await run(root);
    expect(first).toEqual({ code: 0, findings: [] });
    // Plant a finding in the record: if the next run prints it, the record answered.
    const [record] = recordFiles(root);
    const planted = JSON.parse(readFileSync(record, 'utf8'));
    planted.findings = [FINDING];
    writeFileSync(record, JSON.stringify(planted));
    expect(await run(root)).toEqual({ code: 1, findings: [expect.objectContaining({ message: FINDING.message })] });

    const gotcha = join(root, 'content/gotchas/alpha/al1-disk-full.md');
    writeFileSync(gotcha, `${readFileSync(gotcha, 'utf8')}\nOne more sentence.\n`);
    expect(await run(root)).toEqual({ code: 0, findings: [] });
  });

  it('answers a re-run without loading the parser, the rules, the cache or the thread pool', async () => {
    const root = project();
    await run(root);
    // A fresh process (this one has loaded everything already) that records every module it resolves.
    const script = `import { registerHooks } from 'node:module';
      const resolved = [];
      registerHooks({ resolve(specifier, context, next) { const r = next(specifier, context); resolved.push(r.url); return r; } });
      const { main } = await import(${JSON.stringify(new URL('../src/cli.ts', import.meta.url).href)});
      const code = await main({ argv: ['--today', '2026-11'], cwd: ${JSON.stringify(root)}, stdout: () => {}, stderr: () => {}, env: {} });
      console.log(JSON.stringify({ code, resolved, builtins: process.moduleLoadList }));`;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(child.status, child.stderr).toBe(0);
    const { code, resolved, builtins } = JSON.parse(child.stdout) as { code: number; resolved: string[]; builtins: string[] };
    expect(code).toBe(0);
    expect(resolved.some((url) => url.endsWith('/engine/run-record.ts'))).toBe(true);
    // Package manifests are resolved for their versions (the linter's fingerprint); their code must not load.
    const heavy = resolved.filter((url) => !url.endsWith('/package.json')).filter((url) => /\/(engine\/(cache|pool|plan|run|analyse)|markdown\/parse|rules\/index)\.ts$|\/node_modules\/(micromark|zod|yaml|js-yaml|unified)\//.test(url));
    expect(heavy).toEqual([]);
    expect(builtins).not.toContain('NativeModule v8');
    // Builtins come through process.getBuiltinModule on this path: an ESM import of node:fs or node:util builds
    // a facade that evaluates every lazy export (fs read streams; util's diff, which opens the stderr stream).
    expect(builtins.filter((m) => /^NativeModule internal\/(fs\/streams|util\/diff)$/.test(m))).toEqual([]);
  });

  it('does not answer --no-cache or --fix runs from a record, nor write one for them', async () => {
    const root = project();
    await run(root, '--no-cache');
    expect(() => recordFiles(root)).toThrow();
    await run(root, '--fix');
    expect(() => recordFiles(root)).not.toThrow();
    expect(recordFiles(root)).toEqual([]);
  });
});
