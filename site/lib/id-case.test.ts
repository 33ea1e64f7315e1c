import { describe, expect, it } from 'vitest';
import { idRedirect } from './id-case.ts';

const ids = new Set(['rp4', 'u6', 'vast10']);

describe('idRedirect', () => {
  it('sends an id in any case to its lower-case page, with or without the trailing slash', () => {
    expect(idRedirect('/gotchas/RP4/', '', ids)).toBe('/gotchas/rp4/');
    expect(idRedirect('/gotchas/Vast10', '', ids)).toBe('/gotchas/vast10/');
    expect(idRedirect('/guide/gotchas/U6/', '/guide/', ids)).toBe('/guide/gotchas/u6/');
  });
  it('leaves alone what it cannot name: unknown ids, the canonical path, other folders, deeper paths', () => {
    expect(idRedirect('/gotchas/RP99/', '', ids)).toBeUndefined();
    expect(idRedirect('/gotchas/rp4/', '', ids)).toBeUndefined();
    expect(idRedirect('/profiles/RP4/', '', ids)).toBeUndefined();
    expect(idRedirect('/gotchas/RP4/extra/', '', ids)).toBeUndefined();
    expect(idRedirect('/gotchas/%2F%2Fevil.example/', '', ids)).toBeUndefined();
  });
});
