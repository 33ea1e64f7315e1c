/**
 * Files built to exhaust the parser (issue 22, "Crashes and hangs in the linter"): each gets one positioned
 * finding, the run goes on, and the findings on every other file are still reported. Before the guards these
 * threw (exit 2, report lost) or ran for minutes with unbounded memory.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../src/engine/run.ts';
import { corpusFiles } from '../src/files.ts';
import { GOTCHA, lintCorpus, show, tempDirs } from './corpus.ts';

const temp = tempDirs('kb-hostile-');
const body = (text: string) => `${GOTCHA('AL9').replace(/\n## Symptom[\s\S]*$/, '\n')}${text}\n`;
const OTHER = 'content/gotchas/alpha/al2-disk-full-again.md';

const shapes: Record<string, string> = {
  'frontmatter nested 1,000 levels': `---\n${Array.from({ length: 1000 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n')} x\n---\n`,
  'frontmatter flow nested 1,000 levels': `---\nid: ${'['.repeat(1000)}${']'.repeat(1000)}\n---\n`,
  '5,000 `>`': body(`${'>'.repeat(5000)} x`),
  '`*`×10,000 x `*`×10,000': body(`${'*'.repeat(10000)}x${'*'.repeat(10000)}`),
  '10,000 list markers in 20 KB': body('- '.repeat(10000)),
  'a list indented 1,000 levels': body(Array.from({ length: 1000 }, (_, i) => `${'  '.repeat(i)}- x`).join('\n')),
  // Issue 33: shapes on which micromark's time grows faster than the text (minutes, or never finished).
  '120 KB of alternating `*_`': body('*_'.repeat(60_000)),
  '`*~`×57,000': body('*~'.repeat(57_000)),
  '`x*`×345,000': body('x*'.repeat(345_000)),
  '`]`×200,000': body(']'.repeat(200_000)),
  '`[a](`×5,001 in 30 KB': body('[a]('.repeat(2_600)),
  // bench:fuzz's #423: under every bound on the whole file, 2 s to parse alone and 7-10 s on a loaded machine.
  '`x*`×2,450 in one paragraph (4,900 marks, 10 KB)': body('x*'.repeat(2_450)),
  'a paragraph of 20,000 lines': body('word word word\n'.repeat(20_000)),
  'a paragraph of 20,000 lines ended by bare CRs': body('word word word\r'.repeat(20_000)),
  '900 KB of list items': body('- a\n'.repeat(230_000)),
  'a table row of 64,000 cells': body(`|a|\n|-|\n${'|a'.repeat(64_000)}`),
};

describe('hostile shapes', () => {
  for (const [name, text] of Object.entries(shapes)) {
    it(`${name}: one positioned finding, and the other files are still reported`, async () => {
      const findings = await lintCorpus({ 'content/gotchas/alpha/al9-hostile.md': text, [OTHER]: '---\nid: AL2\n---\nno sections\n' });
      const mine = findings.filter((f) => f.file === 'content/gotchas/alpha/al9-hostile.md' && /too large|nested|deeper|run of more than|more than \d+ (lines|of the characters)/.test(f.message));
      expect(mine, show(findings).join('\n')).toHaveLength(1);
      expect(mine[0].line).toBeGreaterThanOrEqual(1);
      expect(mine[0].column).toBeGreaterThanOrEqual(1);
      expect(findings.some((f) => f.file === OTHER && f.ruleId === 'gotcha-structure')).toBe(true);
    });
  }

  // Each shape made one of no-silent-delete's first patterns rescan the rest of the line from every command
  // name in it: minutes for a file of 600 KB (the vitest limit fails them) before the rule read words.
  it.each([
    ['`find `', 'find '.repeat(48_000)],
    ['`xargs `', 'xargs '.repeat(40_000)],
    ['`rm `', 'rm '.repeat(80_000)],
    ['`rm -RcRc…` (recheck\'s attack on the old recursive-rm pattern)', `rm\t-${'Rc'.repeat(120_000)}\u0001`],
  ])('a 240 KB shell line of %s (just under the Markdown size bound) is linted, not stalled on', async (_name, line) => {
    const findings = await lintCorpus({ 'content/gotchas/alpha/al9-hostile.md': body(`## Symptom\n\n\`\`\`bash\n${line}\n\`\`\`\n\n## Root cause\n\nx\n\n## Fix\n\nx`) });
    expect(findings.some((f) => f.file.endsWith('al9-hostile.md'))).toBe(true);
    // Parsed and checked by the rules, not refused by a bound before them.
    expect(findings.filter((f) => f.file.endsWith('al9-hostile.md') && f.ruleId === 'readable-file')).toEqual([]);
  });

  it('of two long marker runs, the first in the text is the one reported, at its place', async () => {
    const text = body(`x\n\n  ${'_'.repeat(1001)}\n\n${'*'.repeat(5000)}`);
    const findings = await lintCorpus({ 'content/gotchas/alpha/al9-hostile.md': text });
    const line = text.split('\n').findIndex((l) => l.includes('___')) + 1;
    expect(findings.filter((f) => /run of more than/.test(f.message))).toEqual([expect.objectContaining({ line, column: 3, message: 'Unexpected run of more than 1000 `_` characters' })]);
  });

  it('marks are counted between blank lines: the 1,001st of one paragraph is reported, 4,900 over five paragraphs are parsed', async () => {
    // 600 marks on one line, then the 1,001st is the 401st `*` of the next, at column 802.
    const crowded = body(`## Symptom\n\n${'x*'.repeat(600)}\n${'x*'.repeat(401)}`);
    const findings = await lintCorpus({ 'content/gotchas/alpha/al9-hostile.md': crowded });
    const line = crowded.split('\n').length - 1;
    expect(findings.filter((f) => f.file.endsWith('al9-hostile.md'))).toEqual([expect.objectContaining({ ruleId: 'readable-file', line, column: 802, message: expect.stringMatching(/^Unexpected paragraph with more than 1000 of the characters/) })]);
    // A line of spaces and tabs is blank to micromark too, and CRLF ends lines as LF does.
    const paragraphs = Array.from({ length: 5 }, () => 'x*'.repeat(980)).join('\r\n \t\r\n');
    const split = await lintCorpus({ 'content/gotchas/alpha/al9-hostile.md': body(`## Symptom\n\n${paragraphs}\n\n## Root cause\n\nx\n\n## Fix\n\nx`) });
    expect(split.filter((f) => f.file.endsWith('al9-hostile.md') && f.ruleId === 'readable-file')).toEqual([]);
  });

  it('10,000 inline stamps in one file are all positioned (the line lookup is a binary search, not a scan)', async () => {
    const stamps = Array.from({ length: 10000 }, () => 'x (verified 2026-06)').join(' ');
    const findings = await lintCorpus({ 'content/gotchas/alpha/al9-hostile.md': body(`## Symptom\n\n${stamps}\n\n## Root cause\n\nx\n\n## Fix\n\nx`) }, { today: '2027-12' });
    const aged = findings.filter((f) => f.ruleId === 'verified-stamp' && f.file.endsWith('al9-hostile.md'));
    expect(aged.length).toBeGreaterThanOrEqual(10000);
    expect(aged.at(-1)).toMatchObject({ line: expect.any(Number), column: expect.any(Number) });
  });

  it('a 50 MiB file is reported without being read, and the run goes on', async () => {
    const root = temp();
    mkdirSync(join(root, 'content/gotchas/alpha'), { recursive: true });
    writeFileSync(join(root, 'content/gotchas/alpha/al9-huge.md'), Buffer.alloc(50 * 1024 * 1024, 0x78));
    writeFileSync(join(root, 'content/gotchas/alpha/al2-small.md'), '---\nid: AL2\n---\n');
    const before = process.memoryUsage().rss;
    const { findings } = await lint({ root, corpus: await corpusFiles(root), maxAge: 6, today: '2026-11' });
    expect(process.memoryUsage().rss - before).toBeLessThan(40 * 1024 * 1024);
    expect(findings.filter((f) => f.file.endsWith('al9-huge.md'))).toEqual([expect.objectContaining({ ruleId: 'readable-file', line: 1, column: 1, message: expect.stringMatching(/too large \(52428800 bytes/) })]);
    expect(findings.some((f) => f.file.endsWith('al2-small.md'))).toBe(true);
  });
});

describe('one bad file or rule never loses the rest of the report', () => {
  it('a rule that throws on one file becomes a finding there, and every other finding stays', async () => {
    const { ruleById } = await import('../src/rules/index.ts');
    const rule = ruleById.get('no-todo')!;
    const check = rule.check;
    (rule as { check: unknown }).check = (file: { path: string }, ctx: unknown) => {
      if (file.path.endsWith('al9-boom.md')) throw new Error('boom');
      return (check as (f: unknown, c: unknown) => void)(file, ctx);
    };
    try {
      const findings = await lintCorpus({ 'content/gotchas/alpha/al9-boom.md': GOTCHA('AL9'), [OTHER]: '---\nid: AL2\n---\nno sections\n' });
      expect(findings).toContainEqual(expect.objectContaining({ file: 'content/gotchas/alpha/al9-boom.md', ruleId: 'no-todo', severity: 'error', line: 1, message: expect.stringMatching(/Internal error in rule `no-todo`.*boom/) }));
      expect(findings.some((f) => f.file === OTHER && f.ruleId === 'gotcha-structure')).toBe(true);
    } finally {
      (rule as { check: unknown }).check = check;
    }
  });

  // A rule may finish later (gotcha-signatures waits for its proving thread): what it reports then, how it
  // fails then, and an index it asks for only then all come out as if it had run at once.
  it('a rule that finishes later keeps its findings, its failures and its need for the index', async () => {
    const { ruleById } = await import('../src/rules/index.ts');
    const noTodo = ruleById.get('no-todo')!;
    const crossRef = ruleById.get('cross-ref')!;
    const [todoCheck, refCheck] = [noTodo.check, crossRef.check] as ((f: unknown, c: unknown) => void)[];
    const tick = () => new Promise((resolve) => setTimeout(resolve, 5));
    (noTodo as { check: unknown }).check = async (file: { path: string }, ctx: unknown) => {
      await tick();
      if (file.path.endsWith('al9-boom.md')) throw new Error('late boom');
      todoCheck(file, ctx);
    };
    (crossRef as { check: unknown }).check = async (file: unknown, ctx: unknown) => {
      await tick();
      refCheck(file, ctx);
    };
    const corpus = { 'content/gotchas/alpha/al9-boom.md': GOTCHA('AL9'), [OTHER]: '---\nid: AL2\n---\n## Symptom\n\nTODO see [x](gotcha:NOPE9)\n' };
    try {
      const late = await lintCorpus(corpus);
      expect(late).toContainEqual(expect.objectContaining({ file: 'content/gotchas/alpha/al9-boom.md', ruleId: 'no-todo', severity: 'error', message: expect.stringMatching(/Internal error in rule `no-todo`.*late boom/) }));
      (noTodo as { check: unknown }).check = todoCheck;
      (crossRef as { check: unknown }).check = refCheck;
      const atOnce = await lintCorpus(corpus);
      expect(atOnce.some((f) => f.file === OTHER && f.ruleId === 'no-todo')).toBe(true);
      expect(atOnce.some((f) => f.file === OTHER && f.ruleId === 'cross-ref')).toBe(true);
      expect(late.filter((f) => f.file === OTHER)).toEqual(atOnce.filter((f) => f.file === OTHER));
    } finally {
      (noTodo as { check: unknown }).check = todoCheck;
      (crossRef as { check: unknown }).check = refCheck;
    }
  });

  it('export:skill on a corpus with a hostile file reports it and exits 1, without a stack trace', async () => {
    const { main } = await import('../src/cli.ts');
    const { baseCorpus, writeTree } = await import('./corpus.ts');
    const root = writeTree(temp(), { ...baseCorpus(), 'content/gotchas/alpha/al9-stars.md': shapes['`*`×10,000 x `*`×10,000'], 'content/gotchas/alpha/al8-deep.md': shapes['frontmatter nested 1,000 levels'] });
    let stderr = '';
    const code = await main({ argv: ['export', 'skill', '--root', root, '--out', join(root, 'out')], cwd: root, stdout: () => {}, stderr: (t) => (stderr += t), env: {} });
    expect(code).toBe(1);
    expect(stderr).not.toMatch(/internal error|\n\s+at /);
    expect(stderr).toMatch(/al9-stars\.md/);
  });
});
