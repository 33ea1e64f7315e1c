/**
 * The linter's fingerprint is remembered between processes (engine/keys.ts). A stale memo would let a
 * changed linter answer from an old cache, so: the memo is trusted only under its signature, a different
 * signature recomputes, and an install (npm's install record) or a touched file changes the signature.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { fileSignature, installRecord } from '../src/engine/keys.ts';

const KEYS = fileURLToPath(new URL('../src/engine/keys.ts', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'kb-fingerprint-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The fingerprint as a fresh process computes it, with its temporary folder (and so its memo) in `tmp`. */
const fingerprintIn = (tmp: string) =>
  execFileSync(process.execPath, ['--input-type=module', '-e', `import { linterFingerprint } from ${JSON.stringify(KEYS)}; process.stdout.write(linterFingerprint());`], {
    env: { ...process.env, TMPDIR: tmp },
    encoding: 'utf8',
  });

describe('linter fingerprint memo', () => {
  it('is trusted under its signature and recomputed under any other', () => {
    const tmp = join(scratch, 'tmp');
    mkdirSync(tmp);
    const real = fingerprintIn(tmp);
    expect(real).toMatch(/^[0-9a-f]{32}$/);
    const [name] = readdirSync(tmp).filter((f) => f.startsWith('kb-lint-fingerprint-'));
    const memoPath = join(tmp, name);
    const memo = JSON.parse(readFileSync(memoPath, 'utf8'));
    expect(memo.manifests).toHaveLength(10);
    expect(memo.manifests.every((m: string | null) => m === null || m.endsWith('package.json'))).toBe(true);

    // Same signature: the remembered value is used as is (a sentinel shows it was not recomputed).
    writeFileSync(memoPath, JSON.stringify({ ...memo, fingerprint: 'sentinel' }));
    expect(fingerprintIn(tmp)).toBe('sentinel');

    // Another signature (as after an edit or an install): computed from the contents again, memo rewritten.
    writeFileSync(memoPath, JSON.stringify({ ...memo, fingerprint: 'sentinel', signature: 'other' }));
    expect(fingerprintIn(tmp)).toBe(real);
    expect(JSON.parse(readFileSync(memoPath, 'utf8')).fingerprint).toBe(real);

    // Remembered package paths that no longer match the signature are not trusted either.
    writeFileSync(memoPath, JSON.stringify({ ...memo, fingerprint: 'sentinel', manifests: memo.manifests.map(() => null) }));
    expect(fingerprintIn(tmp)).toBe(real);
  });

  it('an install or a touched file changes the signature', () => {
    const modules = join(scratch, 'project', 'node_modules');
    mkdirSync(join(modules, 'pkg'), { recursive: true });
    const manifest = join(modules, 'pkg', 'package.json');
    writeFileSync(manifest, '{"version":"1.0.0"}');
    writeFileSync(join(modules, '.package-lock.json'), '{}');
    const record = installRecord([null, manifest]);
    expect(record).toBe(join(modules, '.package-lock.json'));
    expect(installRecord([null, null])).toBeUndefined();

    const before = fileSignature([manifest, record]);
    expect(fileSignature([manifest, record])).toBe(before);
    utimesSync(record!, new Date(), new Date(Date.now() + 5000));
    const afterInstall = fileSignature([manifest, record]);
    expect(afterInstall).not.toBe(before);
    writeFileSync(manifest, '{"version":"1.0.10"}');
    expect(fileSignature([manifest, record])).not.toBe(afterInstall);
    rmSync(manifest);
    expect(fileSignature([manifest, record])).not.toBe(afterInstall);
  });
});
