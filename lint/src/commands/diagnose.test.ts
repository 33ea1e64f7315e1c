import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCommand } from './command.ts';
import { diagnoseCommand } from './diagnose.ts';
import { buildDiagnosisIndex } from '../diagnose/index-data.ts';

const dir = mkdtempSync(join(tmpdir(), 'kb-diagnose-'));
const indexFile = join(dir, 'index.json');
writeFileSync(
  indexFile,
  JSON.stringify(
    buildDiagnosisIndex([
      { id: 'D1', title: 'Disk full: No space left on device', url: '/gotchas/d1/', keywords: [], platforms: ['all'], symptom: 'OSError: [Errno 28] No space left on device', signatures: [{ literal: 'No space left on device' }] },
    ]),
  ),
);
writeFileSync(join(dir, 'full.log'), 'saving step 1200\nOSError: [Errno 28] No space left on device: /root/ckpt\n');
writeFileSync(join(dir, 'clean.log'), 'epoch 1 done\n');

async function run(argv: string[], stdin = '') {
  let stdout = '';
  let stderr = '';
  const code = await runCommand(diagnoseCommand(async () => stdin), { argv, cwd: dir, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) }, argv);
  return { code, stdout, stderr };
}

describe('kb-lint diagnose', () => {
  it('prints id, title, page URL, matched line and reason; exit 0', async () => {
    const r = await run(['full.log', '--index', indexFile, '--base-url', 'https://guide.example/']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('1. D1  Disk full: No space left on device\n   https://guide.example/gotchas/d1/\n   line 2: OSError: [Errno 28] No space left on device: /root/ckpt\n   why: signature No space left on device');
  });
  it('reads stdin for `-` and prints JSON', async () => {
    const r = await run(['-', '--index', indexFile, '--format', 'json'], 'No space left on device\n');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).matches[0]).toMatchObject({ id: 'D1', via: 'signature', url: '/gotchas/d1/', line: { number: 1 } });
  });
  it('exits 1 when nothing matches', async () => {
    const r = await run(['clean.log', '--index', indexFile]);
    expect(r).toMatchObject({ code: 1, stdout: expect.stringContaining('No gotcha matched') });
  });
  it.each([
    [[], 'Missing log'],
    [['a.log', 'b.log', '--index', indexFile], 'Unexpected extra argument'],
    [['nope.log', '--index', indexFile], 'No such file `nope.log`'],
    [['full.log', '--format', 'xml'], 'Unknown --format `xml`'],
    [['full.log', '--limit', '0'], 'Unexpected --limit `0`'],
    [['full.log', '--bogus'], 'Unknown option'],
  ])('exits 2 on usage errors: %j', async (argv, message) => {
    const r = await run(argv as string[]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });
  it('answers from the real content when no index is given', async () => {
    const r = await runCommand(diagnoseCommand(async () => 'bash: line 1: 12345 Killed                  python train.py\n'), { argv: [], cwd: join(import.meta.dirname, '../../..'), stdout: () => {}, stderr: () => {} }, ['-', '--format', 'json']);
    expect(r).toBe(0);
  }, 60_000);
});
