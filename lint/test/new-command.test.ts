import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { toString } from 'mdast-util-to-string';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildIndex } from '../src/engine/corpus-index.ts';
import { loadFile } from '../src/engine/load.ts';
import { lint, parseFiles } from '../src/engine/run.ts';
import type { LintFile, Report } from '../src/engine/types.ts';
import { corpusFiles } from '../src/files.ts';
import { GOTCHA_SECTIONS, sections } from '../src/rules/gotcha-structure/index.ts';
import noTodo from '../src/rules/no-todo/index.ts';
import { main } from '../src/cli.ts';
import { nextFreeId, slugOfTitle } from '../src/new/pages.ts';
import { QUOTE_TODO, TODO_URL } from '../src/new/templates.ts';
import { DangerClockSchema, PROFILE_SECTIONS, ProfileSchema, StorageTierSchema, OVERRIDE_KEYS } from '../src/schema/profile.ts';
import { GotchaSchema } from '../src/schema/gotcha.ts';
import { captureIo } from './capture-io.ts';

const FIXTURE = fileURLToPath(new URL('./fixtures/scaffold/', import.meta.url));
const TODAY = '2026-08';
let root: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'kb-new-'));
  await cp(FIXTURE, root, { recursive: true });
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});


async function run(...args: string[]) {
  const io = captureIo();
  const code = await main({ ...io, argv: ['new', ...args, '--root', root, '--today', TODAY] });
  return { code, out: io.out, err: io.err };
}

async function load(rel: string): Promise<LintFile> {
  return loadFile(rel, await readFile(join(root, rel)));
}

/** What `no-todo` reports for one file, run directly (the rule is not in the registry yet). */
async function todoReports(file: LintFile): Promise<Report[]> {
  const files = await parseFiles(root, await corpusFiles(root));
  const reports: Report[] = [];
  noTodo.check(file, { index: buildIndex(files), options: { maxAge: 6, today: TODAY }, report: (_f, r) => void reports.push(r) });
  return reports;
}

/** Rules other than no-todo that object to a file (no-todo may or may not be registered yet). */
async function otherRules(rel: string) {
  return [...new Set((await lintOne(rel)).map((f) => f.ruleId).filter((id) => id !== 'no-todo'))];
}

async function lintOne(rel: string) {
  const corpus = await corpusFiles(root);
  return (await lint({ root, corpus, targets: [rel], maxAge: 6, today: TODAY })).findings;
}

describe('nextFreeId', () => {
  it('takes one past the highest number in use', () => {
    expect(nextFreeId('U', ['U1', 'U3', 'MN7'], [])).toBe('U4');
    expect(nextFreeId('MN', [], [])).toBe('MN1');
  });

  it('skips retired ids at and beyond the next number', () => {
    expect(nextFreeId('U', ['U1', 'U3'], ['U4', 'U5'])).toBe('U6');
    expect(nextFreeId('U', ['U1', 'U3'], ['U2'])).toBe('U4');
  });

  it('does not confuse prefixes that share letters', () => {
    expect(nextFreeId('RP', ['RP2', 'RP-G9', 'RPX4'], [])).toBe('RP3');
    expect(nextFreeId('RP-G', ['RP2', 'RP-G9'], [])).toBe('RP-G10');
  });

  it('takes the lowest free number once a high id (U999) exists, and refuses only when all 999 are used', () => {
    expect(nextFreeId('U', ['U999'], [])).toBe('U1');
    expect(nextFreeId('U', ['U1', 'U2', 'U999'], ['U3'])).toBe('U4');
    const all = Array.from({ length: 999 }, (_, i) => `U${i + 1}`);
    expect(() => nextFreeId('U', all, [])).toThrow(/No free id/);
  });
});

describe('slugOfTitle', () => {
  it('keeps a few meaningful words in kebab-case', () => {
    expect(slugOfTitle('Disk fills mid-run and the job dies with `No space left on device`')).toBe('disk-fills-mid-run-job-dies');
    expect(slugOfTitle('Café résumé crash')).toBe('cafe-resume-crash');
    expect(slugOfTitle('训练卡住')).toBe('');
  });
});

describe('new gotcha', () => {
  it('writes the next free id, skipping retired ones, and prints the path', async () => {
    const r = await run('gotcha', '--catalog', 'uni', '--title', 'Training stalls when the disk fills up');
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toBe('content/gotchas/uni/u6-training-stalls-when-disk-fills-up.md\n');
  });

  it('uses the first prefix and the platform a platform catalog is named after', async () => {
    const r = await run('gotcha', '--catalog', 'acme', '--title', 'Acme stops billing only after destroy');
    expect(r.out).toBe('content/gotchas/acme/ac3-acme-stops-billing-only-after-destroy.md\n');
    const file = await load(r.out.trim());
    expect(file.frontmatter.data).toMatchObject({ id: 'AC3', catalog: 'acme', platforms: ['acme'] });
  });

  it('takes another of the catalog\'s prefixes with --prefix, and rejects one it does not have', async () => {
    expect((await run('gotcha', '--catalog', 'acme', '--prefix', 'ACX', '--title', 'Acme extra prefix entry title')).out).toMatch(/^content\/gotchas\/acme\/acx1-/);
    const r = await run('gotcha', '--catalog', 'acme', '--prefix', 'U', '--title', 'Acme extra prefix entry title');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/Unknown --prefix `U` for catalog `acme`, expected one of `AC`, `ACX`/);
  });

  it('writes a page that parses, with the three sections and TODO markers everywhere a fact goes', async () => {
    const { out } = await run('gotcha', '--catalog', 'uni', '--title', 'Run dies with "No space left": quotes & colons survive');
    const file = await load(out.trim());
    expect(file.frontmatter.problems).toEqual([]);
    expect(file.frontmatter.data).toMatchObject({
      id: 'U6',
      title: 'Run dies with "No space left": quotes & colons survive',
      catalog: 'uni',
      platforms: ['all'],
      cost: ['TODO'],
      verified: TODAY,
      sources: [{ title: expect.stringContaining('TODO'), url: TODO_URL, quote: QUOTE_TODO, checked: TODAY }],
    });
    const found = sections(file.tree?.children ?? []);
    expect(found.map((s) => toString(s.heading))).toEqual([...GOTCHA_SECTIONS]);
    for (const s of found) expect(s.body.map((n) => toString(n)).join(' ')).toMatch(/^TODO\b/);
    // Apart from the TODO markers, every field the schema knows is there and nothing else is.
    const result = GotchaSchema().safeParse(file.frontmatter.data);
    expect(result.success ? [] : result.error.issues.map((i) => i.path.join('.'))).toEqual(['cost.0']);
  });

  it('is rejected by no-todo at every marker, and by nothing else but the unchosen cost', async () => {
    const { out } = await run('gotcha', '--catalog', 'uni', '--title', 'Training stalls when the disk fills up');
    const rel = out.trim();
    const file = await load(rel);
    const reports = await todoReports(file);
    const lines = file.text.split('\n');
    const flagged = reports.map((r) => lines[((r.place as { start: { line: number } }).start.line) - 1]);
    expect(flagged.some((l) => l.startsWith('cost:'))).toBe(true);
    expect(flagged.some((l) => l.includes('title: "TODO'))).toBe(true);
    expect(flagged.some((l) => l.includes(TODO_URL))).toBe(true);
    expect(flagged.filter((l) => l.startsWith('TODO:'))).toHaveLength(3);
    expect(flagged.some((l) => l.trimStart().startsWith('quote: "TODO'))).toBe(true);
    expect(reports.find((r) => r.message.includes('source URL'))).toBeDefined();
    expect(await otherRules(rel)).toEqual(['frontmatter-schema']);
  });

  it('is checked, not carried over: a quote placeholder and this month in checked and verified', async () => {
    const { out } = await run('gotcha', '--catalog', 'uni', '--title', 'Training stalls when the disk fills up');
    const data = (await load(out.trim())).frontmatter.data as { verified: string; carried_over?: unknown; sources: { quote: string; checked: string }[] };
    expect(data.carried_over).toBeUndefined();
    expect(data.verified).toBe(TODAY);
    expect(data.sources[0]).toMatchObject({ quote: QUOTE_TODO, checked: TODAY });
  });

  it('passes the linter and no-todo once every marker is replaced', async () => {
    const { out } = await run('gotcha', '--catalog', 'uni', '--title', 'Training stalls when the disk fills up');
    const rel = out.trim();
    const text = (await readFile(join(root, rel), 'utf8'))
      .replace('cost: [TODO]', 'cost: [time]')
      .replace('"TODO: the page where a reader can check this"', '"Acme docs: disks"')
      .replace(TODO_URL, 'https://acme.example.org/disks')
      .replace(JSON.stringify(QUOTE_TODO), '"When the disk is full, writes fail with ENOSPC."')
      .replace(/^TODO: .*$/gm, 'Written by the author.');
    await writeFile(join(root, rel), text);
    expect(await todoReports(await load(rel))).toEqual([]);
    expect(await lintOne(rel)).toEqual([]);
  });

  it('reserves ids of pages whose frontmatter is broken, by their file name', async () => {
    await writeFile(join(root, 'content/gotchas/uni/u8-broken.md'), '---\nid: [unclosed\n---\n');
    expect((await run('gotcha', '--catalog', 'uni', '--title', 'Another fixture symptom title')).out).toMatch(/^content\/gotchas\/uni\/u9-/);
  });

  it('rejects an unknown catalog with the list of known ones', async () => {
    const r = await run('gotcha', '--catalog', 'nope', '--title', 'Training stalls when the disk fills up');
    expect(r.code).toBe(2);
    expect(r.err).toBe('kb-lint new: Unknown catalog `nope`, expected one of `acme`, `uni` (see `kb-lint new --help`)\n');
    expect(r.out).toBe('');
  });

  it.each([
    [['gotcha', '--title', 'Training stalls when the disk fills up'], /Missing --catalog/],
    [['gotcha', '--catalog', 'uni'], /Missing --title/],
    [['gotcha', '--catalog', 'uni', '--title', 'short'], /too short/],
    [['gotcha', 'extra', '--catalog', 'uni', '--title', 'Training stalls when the disk fills up'], /Unexpected argument `extra`/],
    [['widget'], /Unknown kind `widget`/],
    [[], /Missing what to create/],
    [['profile', 'Bad_Id'], /kebab-case/],
    [['profile'], /Missing the profile id/],
    [['gotcha', '--catalog', 'uni', '--title', 'Training stalls when the disk fills up', '--nope'], /nope/],
  ])('exits 2 with one line for %j', async (args, pattern) => {
    const r = await run(...args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(pattern);
    expect(r.err.trimEnd().split('\n')).toHaveLength(1);
  });

  it('rejects a malformed --today', async () => {
    const io = captureIo();
    expect(await main({ ...io, argv: ['new', 'gotcha', '--catalog', 'uni', '--title', 'Training stalls when the disk fills up', '--root', root, '--today', '2026-8'] })).toBe(2);
    expect(io.err).toMatch(/--today `2026-8`/);
  });
});

describe('new profile', () => {
  it('writes every ProfileSchema field with placeholders of the right shape and the eight sections', async () => {
    const r = await run('profile', 'coreweave', '--title', 'CoreWeave');
    expect(r).toMatchObject({ code: 0, out: 'content/profiles/coreweave.md\n' });
    const file = await load('content/profiles/coreweave.md');
    const data = file.frontmatter.data as Record<string, Record<string, unknown> & unknown[]>;
    expect(file.frontmatter.problems).toEqual([]);
    // Every field but `carried_over`, the alternative to `verified` (a new profile is checked, not carried over),
    // and `unchecked`, which an author adds only when some fact on the page was left unchecked.
    expect(Object.keys(data).sort()).toEqual(Object.keys(ProfileSchema().shape).filter((k) => k !== 'carried_over' && k !== 'unchecked').sort());
    expect(Object.keys(data.storage[0] as object).sort()).toEqual(Object.keys(StorageTierSchema().shape).sort());
    expect(Object.keys(data.overrides).sort()).toEqual([...OVERRIDE_KEYS].sort());
    expect(DangerClockSchema().safeParse(data.dangerClocks[0]).success).toBe(true);
    expect(data.title).toBe('CoreWeave');
    expect(data.verified).toBe(TODAY);
    // Only the enum cannot hold a placeholder; every other field already has a valid type.
    const result = ProfileSchema().safeParse(data);
    expect(result.success ? [] : result.error.issues.map((i) => i.path.join('.'))).toEqual(['kind']);
    expect(sections(file.tree?.children ?? []).map((s) => toString(s.heading))).toEqual([...PROFILE_SECTIONS]);
  });

  it('marks every field and section with TODO, including typed defaults', async () => {
    await run('profile', 'coreweave');
    const file = await load('content/profiles/coreweave.md');
    const reports = await todoReports(file);
    const lines = file.text.split('\n');
    const flaggedLines = new Set(reports.map((r) => (r.place as { start: { line: number } }).start.line));
    // Every line that holds a typed default (a boolean, an empty override) carries a TODO comment the rule flags.
    lines.forEach((line, i) => {
      if (/:\s*(true|false|"")\s/.test(line) && !/^\s*durable:/.test(line)) expect(flaggedLines.has(i + 1), line).toBe(true);
    });
    expect(file.frontmatter.data.title).toBe('TODO');
    expect(reports.length).toBeGreaterThanOrEqual(30);
    expect(await otherRules('content/profiles/coreweave.md')).toEqual(['frontmatter-schema']);
  });

  it('refuses to overwrite an existing profile', async () => {
    const before = await readFile(join(root, 'content/profiles/acme.md'), 'utf8');
    const r = await run('profile', 'acme');
    expect(r.code).toBe(2);
    expect(r.err).toBe('kb-lint new: Refusing to overwrite `content/profiles/acme.md`, which already exists (see `kb-lint new --help`)\n');
    expect(await readFile(join(root, 'content/profiles/acme.md'), 'utf8')).toBe(before);
  });

  it('leaves no temporary files behind', async () => {
    await run('profile', 'coreweave');
    expect((await readdir(join(root, 'content/profiles'))).sort()).toEqual(['acme.md', 'coreweave.md']);
  });
});

describe('no-todo', () => {
  const check = (text: string, path = 'content/references/x.md') => {
    const file = loadFile(path, new TextEncoder().encode(text));
    const reports: Report[] = [];
    noTodo.check(file, { index: buildIndex([file]), options: { maxAge: 6, today: TODAY }, report: (_f, r) => void reports.push(r) });
    return reports;
  };

  it('reports the exact position and where the marker sits', () => {
    const reports = check('---\ntitle: "TODO"\ndescription: "fine description"\n---\n\n## Cadence\n\nSave every TODO minutes.\n');
    expect(reports.map((r) => [r.place, r.message])).toEqual([
      [{ start: { line: 2, column: 9, offset: 12 }, end: { line: 2, column: 13, offset: 16 } }, 'Unexpected placeholder `TODO` in the frontmatter, expected the real content'],
      [{ start: { line: 8, column: 12, offset: 78 }, end: { line: 8, column: 16, offset: 82 } }, 'Unexpected placeholder `TODO` in section “Cadence”, expected the real content'],
    ]);
  });

  it('ignores code blocks, lower case and longer words', () => {
    expect(check('---\ntitle: "Fine"\n---\n\nA todo list, TODOs and MYTODO.\n\n```bash\n# TODO: quoted script\n```\n\n    TODO indented code\n')).toEqual([]);
  });

  it('flags placeholder URLs in links', () => {
    expect(check('Intro [see](https://example.com/TODO).\n')[0].message).toMatch(/in the introduction, expected the real source URL/);
  });
});
