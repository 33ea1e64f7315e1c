/**
 * Every command through `main`, from one table (markdownlint-cli2's test-case table is the model): each row
 * is the words typed, the exit code docs/DEVELOPING.md gives for that outcome, and what stdout and stderr
 * must say. The rows for `--root`, an unknown option, `--help` and an internal error are generated for every
 * command the dispatcher knows, so a command added later is held to them without a line here. A usage error
 * is exactly one stderr line naming the command, the problem and where help is; an internal error names the
 * command and carries the stack; neither prints anything on stdout.
 */
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli.ts';
import { COMMANDS } from '../src/commands/index.ts';
import { buildDiagnosisIndex } from '../src/diagnose/index-data.ts';
import { baseCorpus, GOTCHA, writeTree } from './corpus.ts';

const REPO = fileURLToPath(new URL('../../', import.meta.url));

interface Row {
  name: string;
  argv: string[];
  exit: 0 | 1 | 2;
  stdout?: RegExp;
  stderr?: RegExp;
  /** The project the row runs in, by name (see `projects`); default `clean`. */
  cwd?: string;
  /** stdout throws, as a write to a full disk or a closed pipe would. */
  brokenStdout?: boolean;
}

const words = (name: string) => name.split(' ').filter(Boolean);
const prefix = (name: string) => ['kb-lint', ...words(name)].join(' ');
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** One line: the command, the problem, where help is. */
const usage = (name: string, problem: string) => new RegExp(`^${escape(prefix(name))}: ${problem} \\(see \`${escape(prefix(name))} --help\`\\)\\n$`);

/** The rows every command must pass, whatever it does. */
function sharedRows(name: string): Row[] {
  const label = prefix(name);
  return [
    { name: `${label} --help`, argv: [...words(name), '--help'], exit: 0, stdout: new RegExp(`^Usage: ${escape(label)} [^\\n]*\\n[\\s\\S]*\\n  --root <dir> [\\s\\S]*\\nExit codes: 0 `) },
    { name: `${label} -h`, argv: [...words(name), '-h'], exit: 0, stdout: new RegExp(`^Usage: ${escape(label)} `) },
    { name: `${label} --root (missing)`, argv: [...words(name), '--root', 'no-such-dir'], exit: 2, stderr: usage(name, 'No such folder for --root: `no-such-dir`') },
    { name: `${label} --root (a file)`, argv: [...words(name), '--root', 'content/catalogs/alpha.md'], exit: 2, stderr: usage(name, 'Not a folder for --root: `content/catalogs/alpha.md`') },
    { name: `${label} --bogus`, argv: [...words(name), '--bogus'], exit: 2, stderr: usage(name, "Unknown option '--bogus'.[^\\n]*") },
    { name: `${label} --root (no value)`, argv: [...words(name), '--root'], exit: 2, stderr: usage(name, "Option '--root <value>' argument missing") },
    {
      name: `${label}: stdout fails (internal error)`,
      argv: [...words(name), '--help'],
      exit: 2,
      brokenStdout: true,
      stderr: new RegExp(`^${escape(label)}: internal error: EPIPE: the reader went away\\n(?:\\s+at [^\\n]+\\n)+$`),
    },
  ];
}

/** What each command does when it works, and when it finds something, as docs/DEVELOPING.md says. */
const OUTCOMES: Row[] = [
  { name: 'lint, clean', argv: ['--today', '2026-11', '--no-cache'], exit: 0, stderr: /^6 file\(s\) checked\n$/ },
  { name: 'lint, an error', argv: ['--today', '2026-11', '--no-cache'], cwd: 'broken', exit: 1, stderr: /al3-bad\.md\n\s*10:10-10:33\s+error\s+Expected an `https:` URL[\s\S]*7 file\(s\) checked\n$/ },
  { name: 'lint --version', argv: ['--version'], exit: 0, stdout: /^\d+\.\d+\.\d+\n$/ },
  { name: 'lint --format (unknown)', argv: ['--format', 'xml'], exit: 2, stderr: usage('', 'Unknown --format `xml`, expected text, json, github or sarif') },
  { name: 'lint --max-age 0', argv: ['--max-age', '0'], exit: 2, stderr: usage('', 'Unexpected --max-age `0`, expected a whole number ≥ 1') },
  { name: 'lint (missing path)', argv: ['content/nowhere.md'], exit: 2, stderr: usage('', 'No such file or folder `content/nowhere.md`') },
  { name: 'stale, fresh', argv: ['stale', '--today', '2026-11'], exit: 0, stdout: /^# Provenance and freshness of facts, 2026-11/ },
  { name: 'stale, past --max-age', argv: ['stale', '--today', '2026-11', '--max-age', '1'], exit: 1, stdout: /^# Provenance/ },
  { name: 'stale --today (bad)', argv: ['stale', '--today', '2026-13'], exit: 2, stderr: usage('stale', 'Unexpected --today `2026-13`, expected YYYY-MM') },
  { name: 'verify, nothing quoted', argv: ['verify', 'content/catalogs/alpha.md', '--no-cache'], exit: 0, stdout: /0 quote/ },
  { name: 'verify --concurrency 0', argv: ['verify', '--concurrency', '0'], exit: 2, stderr: usage('verify', 'Unexpected --concurrency `0`, expected a whole number from 1 to 32') },
  { name: 'diagnose, a match', argv: ['diagnose', 'full.log', '--index', 'index.json'], exit: 0, stdout: /^1\. D1 {2}Disk full/ },
  { name: 'diagnose, no match', argv: ['diagnose', 'clean.log', '--index', 'index.json'], exit: 1, stdout: /^No gotcha matched/ },
  { name: 'diagnose (no log)', argv: ['diagnose'], exit: 2, stderr: usage('diagnose', 'Missing log, expected a file path or `-` for stdin') },
  { name: 'export schemas --check, current', argv: ['export', 'schemas', '--check', '--root', REPO], exit: 0, stderr: /^JSON Schemas are current\n$/ },
  { name: 'export schemas --check, out of date', argv: ['export', 'schemas', '--check'], exit: 1, stderr: /^Out of date: schemas\// },
  { name: 'export skill', argv: ['export', 'skill', '--out', 'out/remote-gpu-field-guide'], cwd: 'mini', exit: 0, stderr: /^Wrote \d+ files/ },
  { name: 'export skill, a dangling link', argv: ['export', 'skill', '--out', 'out/x'], cwd: 'mini-broken', exit: 1, stderr: /al1-fixture-entry-1\.md\n[\s\S]*AL99[\s\S]*kb-lint export skill: / },
  { name: 'export (nothing)', argv: ['export'], exit: 2, stderr: usage('export', 'Missing what to export, expected `skill` or `gotchas` or `schemas`') },
  { name: 'export zip', argv: ['export', 'zip'], exit: 2, stderr: usage('export', 'Unknown export `zip`, expected `skill` or `gotchas` or `schemas`') },
  { name: 'export --help', argv: ['export', '--help'], exit: 0, stdout: /kb-lint export skill[\s\S]*kb-lint export gotchas[\s\S]*kb-lint export schemas/ },
  { name: 'export gotchas', argv: ['export', 'gotchas'], cwd: 'mini', exit: 0, stdout: /^\[\n  \{\n    "url": "\/gotchas\// },
  { name: 'export gotchas, a relative --base', argv: ['export', 'gotchas', '--base', 'guide'], exit: 2, stderr: usage('export gotchas', 'Unexpected --base `guide`, expected a path starting with /, as the site\'s base path') },
  { name: 'export gotchas, an unknown locale', argv: ['export', 'gotchas', '--locale', 'fr'], exit: 2, stderr: usage('export gotchas', 'Unknown locale `fr` for --locale, expected `en` or `zh-cn`') },
  { name: 'new profile', argv: ['new', 'profile', 'acme', '--today', '2026-11'], cwd: 'scratch', exit: 0, stdout: /^content\/profiles\/acme\.md\n$/ },
  { name: 'new widget', argv: ['new', 'widget'], exit: 2, stderr: usage('new', 'Unknown kind `widget`, expected `gotcha` or `profile`') },
  { name: 'mcp --site-url (bad)', argv: ['mcp', '--site-url', 'ftp://x'], exit: 2, stderr: usage('mcp', 'Unexpected --site-url `ftp://x`, expected an http\\(s\\) address such as https://owner\\.github\\.io/guide') },
];

const ROWS: Row[] = [...Object.keys(COMMANDS).flatMap(sharedRows), ...OUTCOMES];
const projects = new Map<string, string>();
let base: string;
let made = 0;
/** The rows share their projects, so they live until the last row has run. */
const temp = () => join(base, String(made++));

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'kb-commands-'));
  for (let i = 0; i < 5; i++) await mkdir(join(base, String(i)));
  const clean = writeTree(temp());
  await writeFile(join(clean, 'index.json'), JSON.stringify(buildDiagnosisIndex([{ id: 'D1', title: 'Disk full', url: '/gotchas/d1/', keywords: [], platforms: ['all'], symptom: 'x', signatures: [{ literal: 'No space left on device' }] }])));
  await writeFile(join(clean, 'full.log'), 'OSError: [Errno 28] No space left on device\n');
  await writeFile(join(clean, 'clean.log'), 'epoch 1 done\n');
  projects.set('clean', clean);
  projects.set('scratch', writeTree(temp()));
  projects.set('broken', writeTree(temp(), { ...baseCorpus(), 'content/gotchas/alpha/al3-bad.md': GOTCHA('AL3').replace('https://example.com/docs/AL3', 'http://example.com/docs') }));
  for (const name of ['mini', 'mini-broken']) {
    const root = temp();
    await cp(join(REPO, 'site/test/fixtures/mini'), root, { recursive: true });
    projects.set(name, root);
  }
  const al1 = join(projects.get('mini-broken')!, 'content/gotchas/alpha/al1-fixture-entry-1.md');
  await writeFile(al1, (await readFile(al1, 'utf8')).replace('(principle:2)', '(gotcha:AL99)'));
});

afterAll(async () => {
  if (base) await rm(base, { recursive: true, force: true });
});

describe('every command, one table', () => {
  it('covers every command the dispatcher knows', () => {
    expect(Object.keys(COMMANDS).sort()).toEqual(['', 'diagnose', 'export gotchas', 'export schemas', 'export skill', 'mcp', 'new', 'stale', 'verify']);
  });

  it.each(ROWS.map((row) => [row.name, row] as const))('%s', async (_name, row) => {
    let stdout = '';
    let stderr = '';
    const write = (text: string) => {
      if (row.brokenStdout) throw Object.assign(new Error('EPIPE: the reader went away'), { code: 'EPIPE' });
      stdout += text;
    };
    const cwd = projects.get(row.cwd ?? 'clean')!;
    const code = await main({ argv: row.argv, cwd, stdout: write, stderr: (t) => (stderr += t), env: {} });
    expect({ code, stderr: stderr.slice(0, 2000) }).toMatchObject({ code: row.exit });
    if (row.stdout) expect(stdout).toMatch(row.stdout);
    else expect(stdout).toBe('');
    if (row.stderr) expect(stderr).toMatch(row.stderr);
    else expect(stderr).toBe('');
  }, 60_000);
});
