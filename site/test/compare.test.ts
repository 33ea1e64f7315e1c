/**
 * Comparison pages are generated from profile facts only: change the facts of one fixture profile and every
 * comparison page changes with them; the table helpers sort and label as documented.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dangerClockRows, driverRows, humanDuration, survivalRows, teardownRows } from '../lib/compare.ts';
import { checklistFor } from '../lib/checklist.ts';
import { ProfileSchema } from '../../lint/src/schema/index.ts';
import { parse } from 'yaml';
import { buildSite, ROOT } from './serve.ts';

const FIXTURE = join(ROOT, 'site/test/fixtures/mini/content');
const profileText = readFileSync(join(FIXTURE, 'profiles/testbox.md'), 'utf8');
const facts = ProfileSchema().parse(parse(profileText.split('---')[1]));

describe('comparison helpers', () => {
  const other = { ...facts, title: 'Other', order: 2, dangerClocks: [{ what: 'Balance empty: deleted', trigger: 'balance below zero' }, { what: 'Idle release', trigger: 'idle', after: '36h' }] };
  const refs = [{ id: 'testbox', data: facts }, { id: 'other', data: other }];
  it('sorts danger clocks by how soon they fire, event-driven ones last', () => {
    expect(dangerClockRows(refs).map((r) => [r.platform, r.after ?? 'event'])).toEqual([['other', '36h'], ['testbox', '14d'], ['other', 'event']]);
    expect(humanDuration(36)).toBe('36 hours');
    expect(humanDuration(14 * 24)).toBe('14 days');
    expect(humanDuration(0.5)).toBe('30 minutes');
  });
  it('names the durable mount for teardown and one survival row per tier', () => {
    expect(teardownRows(refs)[0]).toMatchObject({ platform: 'testbox', verb: 'destroy', irreversible: true, durable: '/volume' });
    expect(survivalRows(refs).filter((r) => r.platform === 'testbox').map((r) => [r.tier, r.survivesStop, r.survivesDestroy])).toEqual([['Root disk', false, false], ['Volume', true, true]]);
  });
  it('lists each platform’s driver facts in profile order', () => {
    expect(driverRows(refs).map((r) => [r.platform, r.check])).toEqual([['testbox', 'nvidia-smi on the box'], ['other', 'nvidia-smi on the box']]);
  });
  it('fills the checklist with the platform’s own verbs, mounts and clocks', () => {
    const text = checklistFor('testbox', facts).map((i) => i.text).join('\n');
    expect(text).toContain('`destroy`');
    expect(text).toContain('/volume');
    expect(text).toContain('Stopped instance deleted (after 14d');
    expect(text).toContain('nvidia-smi on the box');
  });
});

describe('comparison pages follow the profile facts', () => {
  const work = mkdtempSync(join(tmpdir(), 'kb-compare-'));
  const pages = ['survival', 'teardown', 'danger-clocks', 'spot', 'driver', 'overrides', 'checklist'];
  const html: Record<'before' | 'after', Record<string, string>> = { before: {}, after: {} };
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  beforeAll(async () => {
    const changed = join(work, 'content');
    cpSync(FIXTURE, changed, { recursive: true });
    writeFileSync(
      join(changed, 'profiles/testbox.md'),
      profileText
        .replace('stopVerb: destroy', 'stopVerb: terminate')
        .replace('grace: ~30s', 'grace: ~2m')
        .replace('after: 14d', 'after: 3d')
        .replace('DURABLE_DIR: /volume', 'DURABLE_DIR: /mnt/keep')
        .replace('check: "nvidia-smi on the box"', 'check: "the Max CUDA filter"')
        .replace('survivesStop: false\n    survivesDestroy: false\n    cap: 20 GB', 'survivesStop: true\n    survivesDestroy: false\n    cap: 20 GB'),
    );
    for (const [key, dir] of [['before', FIXTURE], ['after', changed]] as const) {
      const out = join(work, `dist-${key}`);
      const r = await buildSite({ contentDir: dir, outDir: out });
      if (r.code !== 0) throw new Error(r.output.slice(-2000));
      for (const p of pages) html[key][p] = readFileSync(join(out, 'compare', p, 'index.html'), 'utf8');
    }
  });
  const rowOf = (page: string, key: 'before' | 'after') => html[key][page].replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
  it.each([
    ['survival', 'Root disk cap: 20 GB / yes no'],
    ['teardown', 'terminate'],
    ['danger-clocks', '3 days'],
    ['spot', '~2m'],
    ['driver', 'the Max CUDA filter'],
    ['checklist', 'the Max CUDA filter'],
    ['overrides', '/mnt/keep'],
    ['checklist', '/mnt/keep'],
  ])('%s changes with the facts (now shows %s)', (page, value) => {
    expect(html.after[page]).not.toEqual(html.before[page]);
    expect(rowOf(page, 'before')).not.toContain(value);
    expect(rowOf(page, 'after')).toContain(value);
  });
});
