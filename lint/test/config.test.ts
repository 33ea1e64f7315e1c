/** kb-lint.config.json: severities, maxAge, ignores and per-folder overrides, and friendly errors. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli.ts';
import { baseCorpus, GOTCHA, tempDirs, writeTree } from './corpus.ts';

const temp = tempDirs('kb-config-');
const TODO = 'content/gotchas/alpha/al3-todo.md';
const OLD = 'content/gotchas/alpha/al4-old.md';
const files = { ...baseCorpus(), [TODO]: GOTCHA('AL3').replace('## Fix\n', '## Fix\n\nTODO\n'), [OLD]: GOTCHA('AL4').replace('verified: 2026-09', 'verified: 2026-02') };

async function run(config: unknown, ...argv: string[]) {
  const root = writeTree(temp(), files);
  if (config !== undefined) writeFileSync(join(root, 'kb-lint.config.json'), typeof config === 'string' ? config : JSON.stringify(config));
  let stdout = '';
  let stderr = '';
  const code = await main({ argv: ['--format', 'json', '--today', '2026-11', ...argv], cwd: root, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: {} });
  const findings = code === 2 ? [] : (JSON.parse(stdout) as { file: string; ruleId: string; severity: string }[]);
  return { code, stderr, findings, seen: findings.map((f) => `${f.file} ${f.ruleId} ${f.severity}`) };
}

describe('kb-lint.config.json', () => {
  it('without a file, the defaults hold', async () => {
    const r = await run(undefined);
    expect(r.seen).toEqual([`${TODO} no-todo error`, `${OLD} verified-stamp warning`]);
    expect(r.code).toBe(1);
  });

  it('sets rule severities and maxAge; the command line wins over it', async () => {
    const r = await run({ rules: { 'no-todo': 'warn' }, maxAge: 12 });
    expect(r.seen).toEqual([`${TODO} no-todo warning`]);
    expect(r.code).toBe(0);
    expect((await run({ rules: { 'no-todo': 'warn' } }, '--rule', 'no-todo=error')).seen).toContain(`${TODO} no-todo error`);
    expect((await run({ maxAge: 12 }, '--max-age', '6')).seen).toContain(`${OLD} verified-stamp warning`);
  });

  it('ignores files by glob (reported on never, still in the index)', async () => {
    const r = await run({ ignores: ['content/gotchas/alpha/al3-*.md'] });
    expect(r.seen).toEqual([`${OLD} verified-stamp warning`]);
  });

  it('overrides severities per folder, turning a rule off, down or on', async () => {
    expect((await run({ overrides: [{ files: ['content/gotchas/alpha/**'], rules: { 'no-todo': 'off', 'verified-stamp': 'off' } }] })).seen).toEqual([]);
    expect((await run({ overrides: [{ files: [TODO], rules: { 'no-todo': 'warn' } }] })).seen).toContain(`${TODO} no-todo warning`);
    const on = await run({ rules: { 'no-todo': 'off' }, overrides: [{ files: ['content/gotchas/**'], rules: { 'no-todo': 'error' } }] });
    expect(on.seen).toContain(`${TODO} no-todo error`);
    const elsewhere = await run({ rules: { 'no-todo': 'off' }, overrides: [{ files: ['content/references/**'], rules: { 'no-todo': 'error' } }] });
    expect(elsewhere.seen.some((s) => s.includes('no-todo'))).toBe(false);
  });

  it.each([
    [{ rules: { 'no-todos': 'warn' } }, /`rules\.no-todos`: Unknown rule `no-todos`; `kb-lint --list-rules` lists them/],
    [{ rules: { 'no-todo': 'warnig' } }, /`rules\.no-todo`: Unexpected value, expected `off`, `warn`, `warning`, `error`/],
    [{ maxAge: 0 }, /`maxAge`: /],
    [{ overrides: [{ files: [], rules: {} }] }, /`overrides\.0\.files`: /],
    [{ rule: {} }, /Unknown key `rule`/],
    ['{ "rules": ', /kb-lint.config.json is not valid JSON/],
  ])('refuses %j with a usage error that names the problem', async (config, message) => {
    const r = await run(config);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/kb-lint: kb-lint.config.json/);
    expect(r.stderr).toMatch(message);
  });
});
