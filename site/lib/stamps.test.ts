import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { corpusFiles } from '../../lint/src/files.ts';
import { loadForStamps } from '../../lint/src/stale/load.ts';
import { collectCarried, collectStamps, countProvenance } from '../../lint/src/stale/collect.ts';
import { stampReport } from './stamps.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('the staleness report', () => {
  it('holds what `npm run stale` collects, and the page of every stamped file', async () => {
    const report = await stampReport(ROOT, '2026-11');
    const files = loadForStamps(ROOT, (await corpusFiles(ROOT)).filter((p) => p.startsWith('content/')));
    expect(report.entries).toEqual(collectStamps(files, '2026-11'));
    expect(report.carried).toEqual(collectCarried(files));
    expect(report.counts).toEqual(countProvenance(files));
    // Every page that states facts is counted in one state or another.
    expect(report.counts.checked + report.counts.unquoted + report.counts.carriedOver).toBeGreaterThan(300);
    for (const e of report.entries) expect(report.pages[e.file], e.file).toMatch(/^\/(gotchas|profiles|catalogs|reference)\/[\w-]+\/$/);
    const u6 = files.find((f) => f.kind === 'gotcha' && f.frontmatter.data.id === 'U6')!;
    expect(report.pages[u6.path]).toBe('/gotchas/u6/');
  });
});
