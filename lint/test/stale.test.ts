import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFiles } from '../src/engine/run.ts';
import { loadForStamps } from '../src/stale/load.ts';
import { corpusFiles } from '../src/files.ts';
import { collectCarried, collectStamps, compareEntries, countProvenance, dueIn, isStale, type CarriedEntry, type StaleEntry } from '../src/stale/collect.ts';
import { gotchaRisk } from '../src/stale/risk.ts';
import { runCommand } from '../src/commands/command.ts';
import { command as stale } from '../src/commands/stale.ts';
import { domainGroups, forecast, formatStaleJson, formatStaleMarkdown, staleSummary, type ProvenanceInput } from '../src/stale/report.ts';
import { captureIo } from './capture-io.ts';

const FIXTURE = fileURLToPath(new URL('./fixtures/stale/', import.meta.url));
const REPO = fileURLToPath(new URL('../../', import.meta.url));
const TODAY = '2026-08';

let root: string;
let entries: StaleEntry[];
let carried: CarriedEntry[];
let prov: ProvenanceInput;

beforeAll(async () => {
  // Work on a copy so nothing a test does can leak into the checked-in fixture.
  root = await mkdtemp(join(tmpdir(), 'kb-stale-'));
  await cp(FIXTURE, root, { recursive: true });
  const files = await parseFiles(root, await corpusFiles(root));
  entries = collectStamps(files, TODAY);
  carried = collectCarried(files);
  prov = { carried, counts: countProvenance(files) };
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('the staleness loader', () => {
  // The real corpus parsed in full: 6 s on a quiet run, 32 s of the 60 s default on a loaded CI box (ci1).
  it('gives the report of the fully parsed corpus, for the fixture and for the real content', { timeout: 240_000 }, async () => {
    for (const dir of [root, REPO]) {
      const paths = await corpusFiles(dir);
      // Each loader once: the stamps and the carried-over facts are both read from the same load.
      const [parsed, loaded] = [await parseFiles(dir, paths), await loadForStamps(dir, paths)];
      const full = collectStamps(parsed, TODAY);
      expect(full.length).toBeGreaterThan(0);
      expect(collectStamps(loaded, TODAY)).toEqual(full);
      expect(collectCarried(loaded)).toEqual(collectCarried(parsed));
    }
  });
});


const key = (e: StaleEntry) => `${e.file}:${e.line}`;

describe('collectStamps', () => {
  it('finds page, danger-clock and inline stamps in every stamped kind', () => {
    expect(entries).toHaveLength(9);
    const bySource = (s: StaleEntry['source']) => entries.filter((e) => e.source === s).length;
    expect(bySource('frontmatter')).toBe(4); // profile, two gotchas, reference (the catalog has none)
    expect(bySource('danger-clock')).toBe(1);
    expect(bySource('inline')).toBe(4);
  });

  it('records the fact, month, age, platforms and exact position', () => {
    const clock = entries.find((e) => e.source === 'danger-clock');
    expect(clock).toMatchObject({ file: 'content/profiles/acme.md', line: 29, column: 15, fact: 'Stopped machine is deleted', month: '2025-10', age: 10, platforms: ['acme'], risk: 'money-data' });
    const page = entries.find((e) => e.file.endsWith('u1-slow-thing.md'));
    expect(page).toMatchObject({ line: 10, column: 11, fact: 'A slow thing that only wastes time', age: 9, platforms: ['all'], risk: 'other' });
    const launch = entries.find((e) => e.file === 'content/profiles/acme.md' && e.source === 'inline' && e.month === '2025-12');
    expect(launch).toMatchObject({ line: 52, fact: 'Launch', risk: 'other' });
    const reference = entries.find((e) => e.file === 'content/references/guide.md' && e.source === 'inline');
    expect(reference).toMatchObject({ fact: 'Cadence', platforms: ['all'], age: 5 });
  });

  it('drops the stamp itself from a table row used as the fact', () => {
    const row = entries.find((e) => e.month === '2026-02');
    expect(row?.fact).toContain('Local disk');
    expect(row?.fact).not.toContain('verified');
  });

  it('classes teardown, storage, danger clocks, profile pages and money/data gotchas as money-data', () => {
    const risky = entries.filter((e) => e.risk === 'money-data').map(key);
    expect(risky).toEqual([
      'content/profiles/acme.md:29', // danger clock, 10 months
      'content/profiles/acme.md:45', // profile page stamp, 7 months
      'content/profiles/acme.md:58', // Storage table row, 6 months
      'content/gotchas/uni/u2-bill-keeps-running.md:13', // cost: [money] with a billing tag, 3 months
    ]);
  });

  it('narrows money/data to data loss and money on the meter, not wasted compute', () => {
    expect(gotchaRisk(['data'], [])).toBe('money-data');
    expect(gotchaRisk(['time', 'money'], ['billing'])).toBe('money-data');
    expect(gotchaRisk(['time', 'money'], ['convergence', 'learning-rate'])).toBe('other');
    expect(gotchaRisk(['money'], [])).toBe('other');
    expect(gotchaRisk(['time'], ['billing'])).toBe('other');
  });

  it('marks a stamp quoted only when a source is quoted and checked that month, and offers that source', () => {
    const page = entries.find((e) => e.file === 'content/profiles/acme.md' && e.source === 'frontmatter');
    expect(page).toMatchObject({ quoted: true, sources: ['https://acme.example.org/docs'] });
    const clock = entries.find((e) => e.source === 'danger-clock');
    expect(clock).toMatchObject({ quoted: false, sources: ['https://acme.example.org/docs', 'https://status.acme.example.org/'] });
  });

  it('sorts money/data first, then oldest first, then by file and line', () => {
    expect(entries.map((e) => e.risk)).toEqual([...Array(4).fill('money-data'), ...Array(5).fill('other')]);
    const others = entries.filter((e) => e.risk === 'other').map((e) => e.age);
    expect(others).toEqual([...others].sort((a, b) => b - a));
    expect([...entries].reverse().sort(compareEntries)).toEqual(entries);
  });

  it('treats a stamp as stale only past the limit', () => {
    expect(entries.filter((e) => isStale(e, 6)).map(key).sort()).toEqual(
      ['content/gotchas/uni/u1-slow-thing.md:10', 'content/profiles/acme.md:29', 'content/profiles/acme.md:45', 'content/profiles/acme.md:52'].sort(),
    );
    expect(entries.some((e) => isStale(e, 12))).toBe(false);
  });
});

describe('formatStaleMarkdown', () => {
  const opts = { maxAge: 6, today: TODAY };

  it('opens with a summary of what is past the limit', () => {
    const md = formatStaleMarkdown(entries, opts);
    expect(md.split('\n')[0]).toBe('# Provenance and freshness of facts, 2026-08');
    expect(md).toContain('**4 of 9 stamps are older than 6 months (as of 2026-08): 2 about money or data, 2 other.**');
    expect(staleSummary(entries, { maxAge: 12, today: TODAY })).toMatch(/^Nothing stale: all 9 stamps/);
  });

  it('groups quoted stamps by source domain and keeps unquoted ones in a table of their own', () => {
    const md = formatStaleMarkdown(entries, opts, prov);
    const acme = md.indexOf('### `acme.example.org`');
    const unquoted = md.indexOf('### Stamps with no quoted source');
    expect(acme).toBeGreaterThan(-1);
    expect(unquoted).toBeGreaterThan(acme);
    // Only the two quoted stamps (the profile page, U2) sit under the domain they were checked at, each row
    // with the URL to re-check; the profile's unquoted status page is not offered as the source of its stamp.
    const acmeRows = md.slice(acme, unquoted).split('\n').filter((l) => l.startsWith('| **money') || l.startsWith('| other'));
    expect(acmeRows).toHaveLength(2);
    expect(acmeRows[0]).toContain('[docs](https://acme.example.org/docs)');
    expect(acmeRows[0]).toContain('**now** (7 mo)');
    expect(acmeRows[1]).toContain('[bill](https://acme.example.org/bill)');
    expect(acmeRows[1]).toContain('in 4 mo');
    expect(md).not.toContain('### `status.acme.example.org`');
    const rest = md.slice(unquoted).split('\n').filter((l) => l.startsWith('| **money') || l.startsWith('| other'));
    expect(rest.length).toBe(entries.filter((e) => !e.quoted).length);
    expect(rest[0]).toContain('Stopped machine is deleted');
  });

  it('counts checked and carried-over pages and forecasts what falls due', () => {
    const md = formatStaleMarkdown(entries, opts, prov);
    expect(md).toContain('Pages: 2 checked against a quoted source (and 2 stamped without one), 2 carried over and not checked here (1 of them about money or data).');
    // Ages 10, 9, 7, 8 are past 6 (now); the 2026-02 row (6) is due next month; 2026-03 (5) and 2026-05 (3 → in 4) are later.
    expect(forecast(entries, 6)).toEqual({ dueNow: 4, dueNextMonth: 1, dueIn2To3Months: 1 });
    expect(md).toContain('Forecast: 4 stamps are due now, 1 next month, 1 in two to three months.');
    expect(entries.map((e) => dueIn(e, 6)).every((d) => d >= 0)).toBe(true);
  });

  it('lists carried-over pages by domain and the money/data ones individually, never the upstream as a source', () => {
    expect(carried.map((c) => [c.file, c.risk, c.upstreamVerified])).toEqual([
      ['content/gotchas/uni/u3-carried-bill.md', 'money-data', '2026-04'],
      ['content/gotchas/uni/u4-carried-slow-loss.md', 'other', undefined],
    ]);
    expect(carried[0].sources).toEqual(['https://acme.example.org/pricing']);
    const md = formatStaleMarkdown(entries, opts, prov);
    expect(md).toContain('## Carried over, not checked here (2 pages)');
    expect(md).toContain('| `acme.example.org` | 1 | 1 | 6 |');
    expect(md).toContain('| `notes.example.org` | 1 | 0 | 0 |');
    const first = md.slice(md.indexOf('### Money and data facts to check first (1)'));
    expect(first).toContain('[pricing](https://acme.example.org/pricing) | 2026-04 | [u3-carried-bill.md:13](content/gotchas/uni/u3-carried-bill.md#L13)');
    expect(first).not.toContain('u4-carried');
  });

  it('ranks domains by stamps due, then carried-over money/data facts', () => {
    expect(domainGroups(entries, carried, 6).map((g) => [g.domain, g.due, g.carriedOver, g.carriedMoneyData])).toEqual([
      ['acme.example.org', 5, 1, 1],
      ['status.acme.example.org', 3, 0, 0],
      ['notes.example.org', 0, 1, 0],
    ]);
  });

  it('links each row as a repo-relative path#Lline, or under --link-base', () => {
    const md = formatStaleMarkdown(entries, opts);
    expect(md).toContain('(content/profiles/acme.md#L29)');
    const linked = formatStaleMarkdown(entries, { ...opts, linkBase: 'https://github.com/o/r/blob/abc/' });
    expect(linked).toContain('(https://github.com/o/r/blob/abc/content/profiles/acme.md#L29)');
  });

  it('lists only stale rows with onlyStale, keeping the counts over every stamp', () => {
    const md = formatStaleMarkdown(entries, { ...opts, onlyStale: true });
    expect(md).toContain('4 of 9 stamps');
    const rows = md.split('\n').filter((l) => /^\| (\*\*money|other)/.test(l));
    expect(rows).toHaveLength(4);
    expect(rows.every((l) => /\*\*now\*\* \(\d+ mo\)/.test(l))).toBe(true);
  });

  it('escapes pipes in facts so table rows keep their columns', () => {
    const odd: StaleEntry = { ...entries[0], fact: 'a | b' };
    const row = formatStaleMarkdown([odd], opts).split('\n').find((l) => l.includes('a \\| b'));
    expect(row).toBeDefined();
  });

  it('says so when there is nothing to list', () => {
    expect(formatStaleMarkdown([], opts)).toContain('_No rows to show._');
  });
});

describe('formatStaleJson', () => {
  it('is stable: same input, same bytes, fixed key order', () => {
    const a = formatStaleJson(entries, { maxAge: 6, today: TODAY });
    expect(formatStaleJson([...entries], { maxAge: 6, today: TODAY })).toBe(a);
    const parsed = JSON.parse(a);
    // The keys the workflow has always read come first, in their old order; the provenance keys follow.
    expect(Object.keys(parsed)).toEqual(['today', 'maxAge', 'total', 'stale', 'staleMoneyData', 'staleOther', 'entries', 'provenance', 'forecast', 'carriedOver', 'domains']);
    expect(Object.keys(parsed.entries[0])).toEqual(['file', 'line', 'column', 'source', 'fact', 'month', 'age', 'stale', 'risk', 'platforms', 'quoted', 'dueIn', 'sources']);
    expect(parsed).toMatchObject({ total: 9, stale: 4, staleMoneyData: 2, staleOther: 2 });
  });

  it('carries the provenance counts, the forecast, the carried-over pages and the domains', () => {
    const parsed = JSON.parse(formatStaleJson(entries, { maxAge: 6, today: TODAY }, prov));
    expect(parsed.provenance).toEqual({ checked: 2, unquoted: 2, carriedOver: 2, none: 0 });
    expect(parsed.forecast).toEqual({ dueNow: 4, dueNextMonth: 1, dueIn2To3Months: 1 });
    expect(parsed.carriedOver[0]).toEqual({
      file: 'content/gotchas/uni/u3-carried-bill.md',
      line: 13,
      column: 1,
      fact: 'Idle machine on Acme bills by the hour (carried over)',
      from: 'Hanyuyuan6/remote-gpu-trainer@2853286',
      asOf: '2026-07',
      upstreamVerified: '2026-04',
      risk: 'money-data',
      platforms: ['acme'],
      sources: ['https://acme.example.org/pricing'],
    });
    expect(parsed.domains[0]).toEqual({ domain: 'acme.example.org', stamps: 6, due: 5, carriedOver: 1, carriedMoneyData: 1 });
    const u2 = parsed.entries.find((e: { file: string }) => e.file.endsWith('u2-bill-keeps-running.md'));
    expect(u2).toMatchObject({ quoted: true, dueIn: 4, sources: ['https://acme.example.org/bill'] });
  });

  it('filters entries with onlyStale', () => {
    const parsed = JSON.parse(formatStaleJson(entries, { maxAge: 6, today: TODAY, onlyStale: true }));
    expect(parsed.entries).toHaveLength(4);
    expect(parsed.total).toBe(9);
  });
});

describe('staleMain', () => {
  it('prints Markdown and exits 1 when a stamp is past --max-age', async () => {
    const io = captureIo();
    expect(await runCommand(stale, io, ['--root', root, '--today', TODAY])).toBe(1);
    expect(io.out).toContain('4 of 9 stamps');
    expect(io.err).toBe('');
  });

  it('exits 0 when nothing is past --max-age', async () => {
    const io = captureIo();
    expect(await runCommand(stale, io, ['--root', root, '--today', TODAY, '--max-age', '12'])).toBe(0);
    expect(io.out).toContain('Nothing stale');
  });

  it('prints JSON with --format json and honours --only-stale', async () => {
    const io = captureIo();
    expect(await runCommand(stale, io, ['--root', root, '--today', TODAY, '--format', 'json', '--only-stale'])).toBe(1);
    const parsed = JSON.parse(io.out);
    expect(parsed.entries.map((e: { risk: string }) => e.risk)).toEqual(['money-data', 'money-data', 'other', 'other']);
  });

  it('resolves --root against the working directory', async () => {
    const io = captureIo(join(root, '..'));
    expect(await runCommand(stale, io, ['--root', root.split('/').at(-1) ?? '', '--today', TODAY, '--max-age', '24'])).toBe(0);
    expect(io.out).toContain('all 9 stamps');
  });

  it('shows help and exits 0', async () => {
    const io = captureIo();
    expect(await runCommand(stale, io, ['--help'])).toBe(0);
    expect(io.out).toContain('Usage: kb-lint stale');
  });

  it.each([
    [['--format', 'html'], /Unknown --format `html`/],
    [['--max-age', '0'], /--max-age `0`/],
    [['--max-age', '2.5'], /--max-age `2.5`/],
    [['--today', '2026-13'], /--today `2026-13`/],
    [['--bogus'], /bogus/],
    [['extra'], /extra/],
    [['--root', '/nonexistent/kb-stale-root'], /No such folder/],
    [['--link-base', 'http://insecure/'], /--link-base/],
  ])('exits 2 with one line on stderr for %j', async (args, pattern) => {
    const io = captureIo();
    expect(await runCommand(stale, io, ['--root', root, ...args].slice(args[0] === '--root' ? 2 : 0))).toBe(2);
    expect(io.out).toBe('');
    expect(io.err).toMatch(pattern);
    expect(io.err.trimEnd().split('\n')).toHaveLength(1);
  });

  it('counts a malformed but unambiguous month by what it means', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kb-stale-odd-'));
    try {
      await cp(FIXTURE, dir, { recursive: true });
      await writeFile(join(dir, 'content/references/odd.md'), '---\ntitle: "Odd page"\ndescription: "A page with a loosely written stamp."\n---\n\nA fact (verified June 2024).\n');
      const io = captureIo();
      expect(await runCommand(stale, io, ['--root', dir, '--today', TODAY, '--format', 'json', '--max-age', '12'])).toBe(1);
      const odd = JSON.parse(io.out).entries.find((e: { file: string }) => e.file === 'content/references/odd.md');
      expect(odd).toMatchObject({ month: '2024-06', age: 26, stale: true, risk: 'other' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
