/** The provenance model: exactly one state per page, friendly errors, and the one reading every surface uses. */
import { describe, expect, it } from 'vitest';
import { GotchaSchema, ProfileSchema, ReferenceSchema, SourceSchema, provenanceLabel, provenanceOf } from '../src/schema/index.ts';

const carried = { from: 'Hanyuyuan6/remote-gpu-trainer@2853286', as_of: '2026-07' };
const gotcha = {
  id: 'U1',
  title: 'Disk fills up and the run dies',
  catalog: 'universal',
  platforms: ['all'],
  cost: ['data'],
  sources: [{ title: 'Example docs', url: 'https://example.com/docs' }],
};
const issues = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) => (r.success ? [] : r.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`));

describe('provenance in the schema', () => {
  it('accepts a page that is checked or carried over', () => {
    expect(issues(GotchaSchema().safeParse({ ...gotcha, verified: '2026-12' }))).toEqual([]);
    expect(issues(GotchaSchema().safeParse({ ...gotcha, carried_over: carried }))).toEqual([]);
    expect(issues(GotchaSchema().safeParse({ ...gotcha, carried_over: { ...carried, upstream_verified: '2026-04' } }))).toEqual([]);
  });

  it('refuses both, and neither, in words that name the fields', () => {
    expect(issues(GotchaSchema().safeParse({ ...gotcha, verified: '2026-12', carried_over: carried }))).toEqual([
      'carried_over: Unexpected `carried_over` beside `verified`, expected one of them: drop `carried_over` once the facts are checked and quoted',
    ]);
    expect(issues(GotchaSchema().safeParse(gotcha))).toEqual([
      'verified: Missing provenance: expected `verified: YYYY-MM` (checked, with a quoted source) or `carried_over: { from, as_of }`',
    ]);
  });

  it('lets a reference state neither, but not both', () => {
    const ref = { title: 'A guide', description: 'A page that states no facts.' };
    expect(issues(ReferenceSchema().safeParse(ref))).toEqual([]);
    expect(issues(ReferenceSchema().safeParse({ ...ref, verified: '2026-12', carried_over: carried }))).toHaveLength(1);
    expect(ProfileSchema().shape.carried_over).toBeDefined();
  });

  it('checks the carried_over fields', () => {
    expect(issues(GotchaSchema().safeParse({ ...gotcha, carried_over: { from: 'remote-gpu-trainer', as_of: '2026-7' } }))).toEqual([
      'carried_over.from: Expected `owner/name@commit` (7–40 hex digits), got `remote-gpu-trainer`',
      'carried_over.as_of: Expected a month written `YYYY-MM` (month 01–12), got `2026-7`',
    ]);
    expect(issues(GotchaSchema().safeParse({ ...gotcha, carried_over: { ...carried, by: 'me' } }))).toEqual(['carried_over: Unrecognized key: "by"']);
    expect(issues(GotchaSchema().safeParse({ ...gotcha, carried_over: 'upstream' }))).toEqual(['carried_over: Expected `carried_over:` to be a mapping with `from:` and `as_of:`']);
  });

  it('gives a source an optional quote and checked month', () => {
    const source = { title: 'Example docs', url: 'https://example.com/docs' };
    expect(issues(SourceSchema().safeParse({ ...source, quote: 'The disk is deleted with the pod.', checked: '2026-12' }))).toEqual([]);
    expect(issues(SourceSchema().safeParse({ ...source, quote: 'short', checked: 'Dec 2026' }))).toEqual([
      'quote: Expected a `quote` of at least 12 characters: the passage that says the fact',
      'checked: Expected a month written `YYYY-MM` (month 01–12), got `Dec 2026`',
    ]);
  });
});

describe('pins and unchecked parts', () => {
  const source = { title: 'Example docs', url: 'https://example.com/docs', quote: 'The disk is deleted with the pod.', checked: '2026-12' };

  it('pins a quote to a commit, to a day read with the hash of its surroundings, or says why it cannot', () => {
    expect(issues(SourceSchema().safeParse({ ...source, pin: { commit: '74bce084799b' } }))).toEqual([]);
    expect(issues(SourceSchema().safeParse({ ...source, pin: { read: '2026-12-07', context: `sha256:${'0'.repeat(64)}` } }))).toEqual([]);
    // An unquoted YAML date arrives as a Date and means the same day.
    expect(SourceSchema().parse({ ...source, pin: { read: new Date('2026-12-07T00:00:00Z'), context: `sha256:${'0'.repeat(64)}` } }).pin).toEqual({ read: '2026-12-07', context: `sha256:${'0'.repeat(64)}` });
    expect(issues(SourceSchema().safeParse({ ...source, pin: { unpinned: 'no stored copy of the page' } }))).toEqual([]);
    expect(issues(SourceSchema().safeParse({ ...source, pin: { read: '2026-12-07' } }))).toEqual(['pin: Expected `pin` to be `{ commit }`, `{ read, context }` or `{ unpinned: <why> }`']);
    expect(issues(SourceSchema().safeParse({ ...source, pin: { commit: 'main' } }))).toEqual(['pin.commit: Expected a commit of 7–40 hex digits, got `main`']);
  });

  it('takes `unchecked` only beside `verified`, and reads it with the inline upstream marks into the state', () => {
    expect(issues(GotchaSchema().safeParse({ ...gotcha, verified: '2026-12', unchecked: 'the error message format' }))).toEqual([]);
    expect(issues(GotchaSchema().safeParse({ ...gotcha, carried_over: carried, unchecked: 'the error message format' }))).toEqual([
      'unchecked: Unexpected `unchecked` without `verified`, expected it only on a checked page (on a carried-over page nothing is checked)',
    ]);
    expect(provenanceOf({ verified: '2026-12' }, 'Spot is cheaper (upstream check: vast.ai, 2026-06).')).toEqual({ state: 'checked', month: '2026-12', upstreamOnly: 1 });
    expect(provenanceLabel(provenanceOf({ verified: '2026-12', unchecked: 'prices' }))).toBe('partly checked 2026-12 (not checked: prices)');
  });
});

describe('provenanceOf', () => {
  it('reads the state every surface shows, and never calls a carried-over fact verified', () => {
    expect(provenanceOf({ verified: '2026-12' })).toEqual({ state: 'checked', month: '2026-12' });
    expect(provenanceOf({ carried_over: { ...carried, upstream_verified: '2026-04' } })).toEqual({ state: 'carried-over', from: carried.from, asOf: '2026-07', upstreamVerified: '2026-04' });
    expect(provenanceOf({})).toEqual({ state: 'none' });
    expect(provenanceOf({ carried_over: 'yes' })).toEqual({ state: 'none' });
    expect(provenanceLabel(provenanceOf({ verified: '2026-12' }))).toBe('checked 2026-12');
    const label = provenanceLabel(provenanceOf({ carried_over: { ...carried, upstream_verified: '2026-04' } }));
    expect(label).toBe('carried over from Hanyuyuan6/remote-gpu-trainer@2853286 (2026-07), upstream said checked 2026-04; not checked here');
  });
});
