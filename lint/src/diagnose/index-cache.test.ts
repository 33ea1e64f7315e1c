import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cachedDiagnosisIndex, CACHE_FILE } from './index-cache.ts';
import { runCommand } from '../commands/command.ts';
import { diagnoseCommand } from '../commands/diagnose.ts';

const MINI = join(import.meta.dirname, '../../../site/test/fixtures/mini');
const root = mkdtempSync(join(tmpdir(), 'kb-diagnose-cache-'));
cpSync(MINI, root, { recursive: true });
afterAll(() => rmSync(root, { recursive: true, force: true }));

const AL1 = join(root, 'content/gotchas/alpha/al1-fixture-entry-1.md');
const symptomOf = async (id: string) => (await cachedDiagnosisIndex(root)).index.docs.find((d) => d.id === id);

async function cli(log: string) {
  let out = '';
  const argv = ['-', '--format', 'json', '--root', root];
  const code = await runCommand(diagnoseCommand(async () => log), { argv, cwd: root, stdout: (t) => (out += t), stderr: () => {} }, argv);
  return { code, ids: code === 2 ? [] : (JSON.parse(out) as { matches: { id: string }[] }).matches.map((m) => m.id) };
}

describe('the cached diagnosis index', () => {
  it('is built once, then read back', async () => {
    expect((await cachedDiagnosisIndex(root)).hit).toBe(false);
    expect((await cachedDiagnosisIndex(root)).hit).toBe(true);
    expect(JSON.parse(readFileSync(join(root, CACHE_FILE), 'utf8')).index.docs.map((d: { id: string }) => d.id)).toEqual(['AL1', 'AL2', 'AL3']);
  });

  it('is rebuilt when a page changes, even when its size and time stay the same', async () => {
    await cachedDiagnosisIndex(root);
    expect((await cli('QuokkaBugError: the quokka fell over\n')).ids).not.toContain('AL1');
    const before = readFileSync(AL1, 'utf8');
    // Same length, so only the bytes tell the edit apart.
    const after = before.replace('keywords: ["ZebracornError 1"]', 'keywords: ["QuokkaBugError 1"]');
    expect(after.length).toBe(before.length);
    writeFileSync(AL1, after);
    expect((await cachedDiagnosisIndex(root)).hit).toBe(false);
    expect((await cli('QuokkaBugError: the quokka fell over\n')).ids[0]).toBe('AL1');
    writeFileSync(AL1, before);
  });

  it('is rebuilt after an edit whose file times were set back, and kept after a touch that changed nothing', async () => {
    await cachedDiagnosisIndex(root);
    const before = readFileSync(AL1, 'utf8');
    const { atime, mtime } = statSync(AL1);
    writeFileSync(AL1, before.replace('keywords: ["ZebracornError 1"]', 'keywords: ["QuokkaBugError 1"]'));
    utimesSync(AL1, atime, mtime); // as `cp -p` or `rsync -a` would leave it: same size, same mtime
    expect((await cachedDiagnosisIndex(root)).hit).toBe(false);
    expect((await cli('QuokkaBugError: the quokka fell over\n')).ids[0]).toBe('AL1');
    writeFileSync(AL1, before);
    await cachedDiagnosisIndex(root);
    utimesSync(AL1, new Date(), new Date());
    expect((await cachedDiagnosisIndex(root)).hit).toBe(true);
  });

  it('is rebuilt when a page is added or removed', async () => {
    await cachedDiagnosisIndex(root);
    const extra = join(root, 'content/gotchas/alpha/al4-fixture-entry-4.md');
    writeFileSync(extra, readFileSync(AL1, 'utf8').replace('id: AL1', 'id: AL4').replace('related: [AL2]', 'related: [AL1]'));
    expect((await symptomOf('AL4'))?.id).toBe('AL4');
    renameSync(extra, join(root, 'al4.md.bak'));
    expect(await symptomOf('AL4')).toBeUndefined();
  });

  it('is replaced when the file is damaged, and --no-cache neither reads nor writes it', async () => {
    writeFileSync(join(root, CACHE_FILE), '{"key": ');
    expect((await cachedDiagnosisIndex(root)).hit).toBe(false);
    expect((await cachedDiagnosisIndex(root)).hit).toBe(true);
    writeFileSync(join(root, CACHE_FILE), JSON.stringify({ key: 'stale', status: 'stale', index: { version: 1, docs: [], postings: {} } }));
    let out = '';
    const argv = ['-', '--format', 'json', '--root', root, '--no-cache'];
    await runCommand(diagnoseCommand(async () => 'ZebracornError: it appears\n'), { argv, cwd: root, stdout: (t) => (out += t), stderr: () => {} }, argv);
    expect(JSON.parse(out).matches[0].id).toBe('AL1');
    expect(JSON.parse(readFileSync(join(root, CACHE_FILE), 'utf8')).key).toBe('stale');
  });
});

describe('the cache key reads content as the linter does', () => {
  it('does not block on a FIFO where a page would be: the build refuses it, naming the file', () => {
    // In a child process: opening a FIFO for reading blocks the whole thread, which would hang this worker.
    const fifoRoot = mkdtempSync(join(tmpdir(), 'kb-diagnose-fifo-'));
    cpSync(MINI, fifoRoot, { recursive: true });
    expect(spawnSync('mkfifo', [join(fifoRoot, 'content/gotchas/alpha/al9-fifo.md')]).status).toBe(0);
    const script = `import { cachedDiagnosisIndex } from ${JSON.stringify(join(import.meta.dirname, 'index-cache.ts'))};
cachedDiagnosisIndex(${JSON.stringify(fifoRoot)}).then(() => console.log('built'), (e) => console.log('refused', String(e.message ?? e)));`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 20_000 });
    rmSync(fifoRoot, { recursive: true, force: true });
    expect(r.signal, 'killed after 20 s: the key read blocked on the FIFO').toBeNull();
    expect(r.stdout).toMatch(/^refused/);
  }, 30_000);
});
