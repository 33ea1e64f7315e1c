/**
 * Comparison pages are generated from profile facts only: change the facts of one fixture profile and every
 * comparison page changes with them; the table helpers sort and label as documented.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dangerClockRows, driverRows, humanDuration, statedPrice, stopAndBillingRows, survivalRows, teardownRows } from '../lib/compare.ts';
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
    expect([humanDuration(1), humanDuration(1 / 60)]).toEqual(['1 hour', '1 minute']);
  });
  it('names the durable mount for teardown and one survival row per tier', () => {
    expect(teardownRows(refs)[0]).toMatchObject({ platform: 'testbox', verb: 'destroy', irreversible: true, durable: '/volume' });
    expect(survivalRows(refs).filter((r) => r.platform === 'testbox').map((r) => [r.tier, r.survivesStop, r.survivesDestroy])).toEqual([['Root disk', false, false], ['Volume', true, true]]);
  });
  it('puts each tier’s fate under a stop and a destroy beside what a stop still bills, with the clocks a stop starts', () => {
    const noStop = { ...facts, title: 'No stop', order: 3, storage: facts.storage.map((t) => ({ ...t, survivesStop: null })), verified: undefined, carried_over: { from: 'x/y@1', as_of: '2026-07' } };
    const clocks = [
      { what: 'Released', trigger: 'instance left in 关机', after: '15d' },
      { what: 'Disk keeps billing', trigger: 'Pod stopped instead of terminated' },
      { what: 'Stopped by policy', trigger: 'GPU-idle auto-shutdown policy enabled' },
      { what: 'Balance empty', trigger: 'balance below zero' },
    ];
    const rows = stopAndBillingRows([...refs, { id: 'nostop', data: { ...noStop, dangerClocks: clocks } }]);
    const box = rows.find((r) => r.platform === 'testbox')!;
    expect(box.tiers.map((t) => [t.path, t.stop, t.destroy])).toEqual([['/', 'wiped', 'wiped'], ['/volume', 'kept', 'kept']]);
    // The fixture records no per-tier billing: shown as not recorded, never guessed.
    expect(box.tiers.map((t) => t.bills)).toEqual(['not recorded', 'not recorded']);
    const billed = stopAndBillingRows([{ id: 'b', data: { ...facts, storage: [{ ...facts.storage[0], billsWhileStopped: false }, { ...facts.storage[1], billsWhileStopped: true }] } }]);
    expect(billed[0].tiers.map((t) => t.bills)).toEqual(['free', 'bills']);
    expect(box).toMatchObject({ stopStillBills: 'disk at the stopped rate', noStop: false, provenance: { verified: '2026-06' } });
    expect(box.stopClocks.map((c) => [c.what, c.hours])).toEqual([['Stopped instance deleted', 14 * 24]]);
    const none = rows.find((r) => r.platform === 'nostop')!;
    expect(none.noStop).toBe(true);
    expect(none.tiers.map((t) => t.stop)).toEqual(['n/a', 'n/a']);
    expect(none.provenance.carried_over?.as_of).toBe('2026-07');
    // An auto-shutdown policy causes a stop; it is not a clock a stop starts.
    expect(none.stopClocks.map((c) => c.what)).toEqual(['Released', 'Disk keeps billing']);
  });
  it('never says "not recorded" for a tier whose profile states its storage price, and shows the price', () => {
    const priced = stopAndBillingRows([{ id: 'p', data: { ...facts, storage: [
      { ...facts.storage[0], cap: '10 GB free, then 0.15 元/GB/month' },
      { ...facts.storage[1], note: 'Team-wide; overage $0.29/GB/month.' },
    ] } }]);
    expect(priced[0].tiers.map((t) => [t.bills, t.price])).toEqual([['priced', '0.15 元/GB/month'], ['priced', '$0.29/GB/month']]);
    // A recorded answer wins over a price in the text, and a note with no price stays not recorded.
    const recorded = stopAndBillingRows([{ id: 'r', data: { ...facts, storage: [{ ...facts.storage[0], cap: '$0.10/GB/month', billsWhileStopped: true }, { ...facts.storage[1], note: 'costs extra' }] } }]);
    expect(recorded[0].tiers.map((t) => t.bills)).toEqual(['bills', 'not recorded']);
    expect(statedPrice('5 GB free', undefined, 'about $120 a month')).toBeUndefined();
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
  const pages = ['survival', 'teardown', 'danger-clocks', 'spot', 'driver', 'overrides', 'checklist', 'stopped'];
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
        .replace('check: "nvidia-smi on the box"', 'check: "the `Max CUDA` filter"')
        .replace('survivesStop: false\n    survivesDestroy: false\n    cap: 20 GB', 'survivesStop: true\n    survivesDestroy: false\n    cap: 20 GB'),
    );
    for (const [key, dir] of [['before', FIXTURE], ['after', changed]] as const) {
      const out = join(work, `dist-${key}`);
      const r = await buildSite({ contentDir: dir, outDir: out });
      if (r.code !== 0) throw new Error(r.output.slice(-2000));
      for (const p of pages) html[key][p] = readFileSync(join(out, 'compare', p, 'index.html'), 'utf8');
      html[key].profile = readFileSync(join(out, 'profiles', 'testbox', 'index.html'), 'utf8');
    }
  });
  const rowOf = (page: string, key: 'before' | 'after') => html[key][page].replace(/<wbr\s*\/?>/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
  it.each([
    ['survival', 'Root disk cap: 20 GB / yes no'],
    ['teardown', 'terminate'],
    ['danger-clocks', '3 days'],
    ['spot', '~2m'],
    ['driver', 'the Max CUDA filter'],
    ['checklist', 'the Max CUDA filter'],
    ['overrides', '/mnt/keep'],
    ['checklist', '/mnt/keep'],
    ['stopped', 'after 3 days'],
    ['stopped', 'kept / Root disk /volume Volume'],
  ])('%s changes with the facts (now shows %s)', (page, value) => {
    expect(html.after[page]).not.toEqual(html.before[page]);
    expect(rowOf(page, 'before')).not.toContain(value);
    expect(rowOf(page, 'after')).toContain(value);
  });
  it.each(['driver', 'checklist', 'profile'])('%s shows a fact’s code span as code, not as backticks', (page) => {
    expect(html.after[page]).toContain('<code>Max CUDA</code>');
    expect(html.after[page]).not.toContain('`Max CUDA`');
  });
});
