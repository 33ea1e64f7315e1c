import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { corpusFiles } from '../../lint/src/files.ts';
import { loadForStamps } from '../../lint/src/stale/load.ts';
import { collectStamps } from '../../lint/src/stale/collect.ts';
import { stampReport, takeStampReport } from './stamps.ts';
import { startStampReport } from './stamps-early.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MINI = fileURLToPath(new URL('../test/fixtures/mini/', import.meta.url));

describe('the staleness report', () => {
  it('holds what `npm run stale` collects, and the page of every stamped file', async () => {
    const report = await stampReport(ROOT, '2026-11');
    const files = loadForStamps(ROOT, (await corpusFiles(ROOT)).filter((p) => p.startsWith('content/')));
    expect(report.entries).toEqual(collectStamps(files, '2026-11'));
    expect(report.entries.length).toBeGreaterThan(100);
    for (const e of report.entries) expect(report.pages[e.file], e.file).toMatch(/^\/(gotchas|profiles|catalogs|reference)\/[\w-]+\/$/);
    const u6 = files.find((f) => f.kind === 'gotcha' && f.frontmatter.data.id === 'U6')!;
    expect(report.pages[u6.path]).toBe('/gotchas/u6/');
  });

  it('collected early in a worker thread, is the same report, taken for its own root and month only', async () => {
    startStampReport(ROOT, '2026-11');
    const early = await takeStampReport(ROOT, '2026-11');
    expect(early).toEqual(await stampReport(ROOT, '2026-11'));
    // The same object each time: taken, not collected again.
    expect(await takeStampReport(ROOT, '2026-11')).toBe(early);
    // Asked for another month or another tree, the early report is not used.
    const later = await takeStampReport(ROOT, '2027-06');
    expect(later.today).toBe('2027-06');
    expect(later.entries.map((e) => e.age)).not.toEqual(early.entries.map((e) => e.age));
    const mini = await takeStampReport(MINI, '2026-11');
    expect(mini).toEqual(await stampReport(MINI, '2026-11'));
    expect(mini.entries.length).toBeLessThan(early.entries.length);
  });

  it('a worker that fails leaves the report to be collected in place', async () => {
    startStampReport(42 as unknown as string, '2026-11');
    const report = await takeStampReport(ROOT, '2026-11');
    expect(report).toEqual(await stampReport(ROOT, '2026-11'));
    expect(await takeStampReport(ROOT, '2026-11')).not.toBe(report);
  });
});
