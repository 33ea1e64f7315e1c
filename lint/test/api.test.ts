/** The programmatic API other scripts use: findings as plain data, the config file honoured, bad input rejected. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint, UsageError } from '../src/api.ts';
import { baseCorpus, GOTCHA, tempDirs, writeTree } from './corpus.ts';

const temp = tempDirs('kb-api-');
const TODO = 'content/gotchas/alpha/al3-todo.md';

describe('lint(options)', () => {
  it('returns the findings the command line reports, for the whole corpus or some paths', async () => {
    const root = writeTree(temp(), { ...baseCorpus(), [TODO]: GOTCHA('AL3').replace('## Fix\n', '## Fix\n\nTODO\n') });
    const all = await lint({ root, today: '2026-11' });
    expect(all).toEqual([expect.objectContaining({ file: TODO, ruleId: 'no-todo', severity: 'error', line: expect.any(Number) })]);
    expect(await lint({ root, today: '2026-11', paths: ['content/profiles'] })).toEqual([]);
    expect(await lint({ root, today: '2026-11', rules: { 'no-todo': 'warn' } })).toEqual([expect.objectContaining({ severity: 'warning' })]);
    writeFileSync(join(root, 'kb-lint.config.json'), JSON.stringify({ rules: { 'no-todo': 'off' } }));
    expect(await lint({ root, today: '2026-11' })).toEqual([]);
    expect(await lint({ root, today: '2026-11', config: false })).toHaveLength(1);
  });

  it('rejects an unknown rule or a missing path with a UsageError', async () => {
    const root = writeTree(temp(), baseCorpus());
    await expect(lint({ root, rules: { nope: 'off' } as never })).rejects.toBeInstanceOf(UsageError);
    await expect(lint({ root, paths: ['content/nowhere'] })).rejects.toThrow(/No such file or folder/);
  });
});
