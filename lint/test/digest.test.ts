/**
 * The digests behind every cache key and content hash (engine/digest.ts). A digest that failed to tell two
 * inputs apart would let a re-run answer with another file's findings.
 */
import { describe, expect, it } from 'vitest';
import { digestBytes, digester } from '../src/engine/digest.ts';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('digests', () => {
  it('are 32 hex digits, the same for the same bytes', () => {
    expect(digestBytes(bytes('# Heading\n'))).toMatch(/^[0-9a-f]{32}$/);
    expect(digestBytes(bytes('# Heading\n'))).toBe(digestBytes(bytes('# Heading\n')));
    expect(digestBytes(new Uint8Array())).toMatch(/^[0-9a-f]{32}$/);
  });

  it('differ for every one-bit change of a file, and for its length', () => {
    const base = bytes('---\nid: U6\nverified: 2026-11\n---\n\n## Symptom\n\nThe disk fills up.\n');
    const seen = new Set([digestBytes(base)]);
    for (let i = 0; i < base.length; i++) {
      for (let bit = 0; bit < 8; bit++) {
        const changed = base.slice();
        changed[i] ^= 1 << bit;
        seen.add(digestBytes(changed));
      }
    }
    seen.add(digestBytes(base.subarray(0, base.length - 1)));
    seen.add(digestBytes(new Uint8Array([...base, 0])));
    expect(seen.size).toBe(1 + base.length * 8 + 2);
  });

  it('read the same whether given at once or in parts, as strings or as UTF-8 bytes', () => {
    const whole = digestBytes(bytes('format 4\0node v24\0ünïcode ✓'));
    expect(digester().update('format 4\0').update('node v24\0').update('ünïcode ✓').digest()).toBe(whole);
    expect(digester().update(bytes('format 4\0node v24\0')).update('ünïcode ✓').digest()).toBe(whole);
  });

  it('keep parts apart only through their separators, as the keys write them', () => {
    // The keys join their parts with \0; without it, ("ab", "c") and ("a", "bc") would be one input.
    expect(digester().update('ab\0').update('c').digest()).not.toBe(digester().update('a\0').update('bc').digest());
  });
});
