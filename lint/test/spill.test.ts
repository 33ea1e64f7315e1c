/**
 * The spill file of a cold run (lint/src/engine/spill.ts): what goes in comes back byte for byte and in place,
 * the file is gone from its folder while it is in use and after, and a spill that cannot write turns itself
 * off instead of failing the run.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Spill } from '../src/engine/spill.ts';

const dirs: string[] = [];
const scratch = () => {
  const dir = mkdtempSync(join(tmpdir(), 'kb-spill-test-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('Spill', () => {
  it('gives back every piece at the place it reported, with nothing left in the folder', () => {
    const dir = scratch();
    const spill = new Spill(dir);
    const pieces = [new Uint8Array([1, 2, 3]), new Uint8Array(0), new Uint8Array(70_000).fill(7), new TextEncoder().encode('é')];
    const places = pieces.map((p) => spill.put(p));
    expect(places.map((p) => p?.at)).toEqual([0, 3, 3, 70_003]);
    expect(readdirSync(dir)).toEqual([]);
    const all = spill.readBack();
    expect(all.length).toBe(70_005);
    pieces.forEach((p, i) => expect(all.subarray(places[i]!.at, places[i]!.at + places[i]!.length)).toEqual(Buffer.from(p)));
    expect(readdirSync(dir)).toEqual([]);
    spill.close();
  });

  it('reads back an empty buffer when nothing was put', () => {
    expect(new Spill(scratch()).readBack().length).toBe(0);
  });

  it('turns off when it cannot open its file, and says so by keeping nothing', () => {
    const spill = new Spill(join(scratch(), 'missing', 'folder'));
    expect(spill.put(new Uint8Array([1]))).toBeUndefined();
    expect(spill.put(new Uint8Array([2]))).toBeUndefined();
    expect(spill.readBack().length).toBe(0);
  });

  it('is closed for good: later pieces stay with the caller, and reading back is an error', () => {
    const spill = new Spill(scratch());
    expect(spill.put(new Uint8Array([1, 2]))).toEqual({ at: 0, length: 2 });
    spill.close();
    expect(spill.put(new Uint8Array([3]))).toBeUndefined();
    expect(() => spill.readBack()).toThrow(/closed before it was read back/);
  });
});
