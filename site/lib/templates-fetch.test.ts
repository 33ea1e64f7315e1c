import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fetchCommand } from './templates.ts';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

describe('fetchCommand', () => {
  const files = [
    { file: 'run_queue.sh.template', sha256: sha('queue\n') },
    { file: 'run_one.sh.template', sha256: sha('one\n') },
  ];
  it('downloads every file from the site and checks each against its sum', () => {
    const cmd = fetchCommand(files, 'https://guide.example/field/');
    expect(cmd).toBe(
      `curl -fsSL -O https://guide.example/field/downloads/run_queue.sh.template -O https://guide.example/field/downloads/run_one.sh.template && printf '%s\\n' '${files[0]!.sha256}  run_queue.sh.template' '${files[1]!.sha256}  run_one.sh.template' | sha256sum -c -`,
    );
  });
  it('its check half passes on the right bytes and fails on a changed file (run in bash with sha256sum)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fetch-'));
    writeFileSync(join(dir, 'run_queue.sh.template'), 'queue\n');
    writeFileSync(join(dir, 'run_one.sh.template'), 'one\n');
    const check = fetchCommand(files, 'https://x').split(' && ')[1]!;
    expect(execFileSync('bash', ['-c', check], { cwd: dir, encoding: 'utf8' })).toMatch(/run_one.sh.template: OK/);
    writeFileSync(join(dir, 'run_one.sh.template'), 'one, cut');
    expect(() => execFileSync('bash', ['-c', check], { cwd: dir, stdio: 'pipe' })).toThrow();
  });
});
