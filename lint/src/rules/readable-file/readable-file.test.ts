import { describe, expect, it } from 'vitest';
import { lintCorpus, only } from '../../../test/corpus.ts';
import { firstInvalidUtf8, unreadableFile } from '../../engine/load.ts';
import { appliesTo } from '../define.ts';
import { RULES } from '../index.ts';

describe('readable-file', () => {
  it('positions the first byte that is not UTF-8 and stops other rules on that file', async () => {
    const gbk = new Uint8Array([...new TextEncoder().encode('---\nid: AL3\n---\n\n## Symptom\n\n'), 0xd6, 0xd0, 0xce, 0xc4, 0x0a]);
    const findings = await lintCorpus({ 'content/gotchas/alpha/al3-gbk.md': gbk });
    expect(only(findings, 'readable-file')).toEqual(['content/gotchas/alpha/al3-gbk.md:7:1 error readable-file Unexpected byte `0xd6`, expected UTF-8 text']);
    expect(findings.filter((f) => f.file === 'content/gotchas/alpha/al3-gbk.md' && f.ruleId !== 'readable-file')).toEqual([]);
  });
  it('is the only rule the engine hands an unreadable file, so no other rule guards against one', () => {
    const file = unreadableFile('content/gotchas/alpha/al3-gone.md', 'permission denied');
    expect(file.readProblem).toBeDefined();
    expect(RULES.filter((rule) => appliesTo(rule, file)).map((rule) => rule.id)).toEqual(['readable-file']);
    expect(RULES.filter((rule) => appliesTo(rule, { ...file, readProblem: undefined })).length).toBeGreaterThan(1);
  });
  it('accepts valid multi-byte text and rejects overlongs and surrogates', () => {
    const enc = new TextEncoder();
    expect(firstInvalidUtf8(enc.encode('关机 — ok ✓ 🚀'))).toBe(enc.encode('关机 — ok ✓ 🚀').length);
    expect(firstInvalidUtf8(new Uint8Array([0x41, 0xc0, 0x80]))).toBe(1);
    expect(firstInvalidUtf8(new Uint8Array([0xed, 0xa0, 0x80]))).toBe(0);
    expect(firstInvalidUtf8(new Uint8Array([0x41, 0xe4, 0xb8]))).toBe(1);
  });
});
