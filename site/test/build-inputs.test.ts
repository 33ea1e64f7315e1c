/**
 * Issue 33, "Inputs that stop or crash the linter and the build": files the build used to hang on (a FIFO),
 * fail on with a misleading or nameless message (a FIFO in scripts/, an alias tree), silently leave out
 * (`?` and `#` in a name), or run out of memory on (a 60 MiB page). The build's first step
 * (site/lib/corpus-gate.ts) names each with its place and stops the build.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { buildInputProblems } from '../lib/corpus-gate.ts';
import { buildCommand, ROOT } from './serve.ts';

const work = mkdtempSync(join(tmpdir(), 'kb-build-inputs-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const PAGE = (extraYaml = '', body = '## Symptom\n\nX.\n\n## Root cause\n\nY.\n\n## Fix\n\nZ.\n') =>
  `---\nid: AL9\ntitle: "A page"\ncatalog: alpha\nplatforms: [testbox]\ncost: [time]\nsources:\n  - title: Example source\n    url: https://example.com/source-1\nverified: 2026-03\n${extraYaml}---\n\n${body}`;

const mkfifo = (path: string) => expect(spawnSync('mkfifo', [path]).status).toBe(0);

/** A copy of the mini fixture plus one bad file; returns the content, scripts and rules folders. */
function tree(name: string, add: (content: string, scripts: string) => void) {
  const content = join(work, name, 'content');
  const scripts = join(work, name, 'scripts');
  cpSync(join(ROOT, 'site/test/fixtures/mini/content'), content, { recursive: true });
  mkdirSync(scripts, { recursive: true });
  writeFileSync(join(scripts, 'ok.sh'), '#!/usr/bin/env bash\necho ok\n');
  add(content, scripts);
  return { contentDir: content, scriptsDir: scripts, rulesDir: join(ROOT, 'lint/src/rules') };
}

const cases: [string, (content: string, scripts: string) => void, RegExp][] = [
  ['a FIFO in content/', (c) => mkfifo(join(c, 'gotchas/alpha/al9-fifo.md')), /^content\/gotchas\/alpha\/al9-fifo\.md:1:1: Cannot read file: not a regular file \(a FIFO\)$/],
  ['a FIFO in scripts/', (_c, s) => mkfifo(join(s, 'fifo.sh')), /^scripts\/fifo\.sh:1:1: Cannot read file: not a regular file \(a FIFO\)$/],
  ['a name with `?`', (c) => writeFileSync(join(c, 'gotchas/alpha/al9-what?.md'), PAGE()), /^content\/gotchas\/alpha\/al9-what\?\.md:1:1: Cannot read file: a file name with `\?`/],
  ['a name with `#`', (c) => writeFileSync(join(c, 'gotchas/alpha/al9-#1.md'), PAGE()), /^content\/gotchas\/alpha\/al9-#1\.md:1:1: Cannot read file: a file name with `#`/],
  ['a 60 MiB page', (c) => writeFileSync(join(c, 'gotchas/alpha/al9-huge.md'), PAGE('', 'word '.repeat(12 * 1024 * 1024))), /^content\/gotchas\/alpha\/al9-huge\.md:1:1: Cannot read file: too large \(62914\d{3} bytes/],
  ['60 aliases behind bare CR line breaks', (c) => writeFileSync(join(c, 'gotchas/alpha/al9-cr.md'), PAGE(`a: &a [x, x]\r${Array.from({ length: 60 }, (_, i) => `b${i}:\r  - *a`).join('\r')}\n`)), /^content\/gotchas\/alpha\/al9-cr\.md:\d+:\d+: Frontmatter uses more than 50 aliases$/],
  ['a 45-alias tree in `cost:`', (c) => writeFileSync(join(c, 'gotchas/alpha/al9-tree.md'), PAGE(`l0: &l0 [time, time]\n${Array.from({ length: 22 }, (_, i) => `l${i + 1}: &l${i + 1} [*l${i}, *l${i}]`).join('\n')}\ncost: [*l22, *l22]\n`).replace('cost: [time]\n', '')), /^content\/gotchas\/alpha\/al9-tree\.md:\d+:\d+: Frontmatter holds more than 10000 values once its aliases are expanded/],
  ['120 KB of alternating `*_`', (c) => writeFileSync(join(c, 'gotchas/alpha/al9-pairs.md'), PAGE('', `## Symptom\n\n${'*_'.repeat(60_000)}\n`)), /^content\/gotchas\/alpha\/al9-pairs\.md:\d+:\d+: Unexpected Markdown file with more than 5000 of the characters/],
  ['`]`×200,000', (c) => writeFileSync(join(c, 'gotchas/alpha/al9-brackets.md'), PAGE('', `## Symptom\n\n${']'.repeat(200_000)}\n`)), /^content\/gotchas\/alpha\/al9-brackets\.md:\d+:\d+: Unexpected Markdown file with more than 5000 of the characters/],
];

describe('the build refuses inputs it cannot take', () => {
  it('passes the fixture tree and leaves a link out of the tree to the loaders (they skip it with a warning)', () => {
    const inputs = tree('clean', (c) => symlinkSync('/etc/hostname', join(c, 'gotchas/alpha/al9-linked.md')));
    expect(buildInputProblems(inputs)).toEqual([]);
  });

  it.each(cases)('%s: one positioned line naming the file', (name, add, message) => {
    const inputs = tree(`case-${cases.findIndex(([n]) => n === name)}`, add);
    const problems = buildInputProblems(inputs);
    expect(problems, problems.join('\n')).toHaveLength(1);
    expect(problems[0]).toMatch(message);
  });

  it('`astro build` stops with exit 1 and every problem named, instead of hanging on the FIFO', async () => {
    const { contentDir } = tree('build', (c) => {
      for (const [, add] of cases.filter(([name]) => !/scripts|60 MiB/.test(name))) add(c, join(work, 'unused'));
    });
    const { args, env } = buildCommand({ contentDir, outDir: join(work, 'dist') });
    const child = spawn(process.execPath, args, { cwd: ROOT, env });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 180_000);
    const code = await new Promise<number | null>((done) => child.on('close', done));
    clearTimeout(timer);
    const log = stripVTControlCharacters(output);
    expect(code, log.slice(-3000)).toBe(1);
    expect(log).toContain('file(s) the site cannot be built from');
    for (const file of ['al9-fifo.md', 'al9-what?.md', 'al9-#1.md', 'al9-cr.md', 'al9-tree.md', 'al9-pairs.md', 'al9-brackets.md']) expect(log).toContain(`content/gotchas/alpha/${file}:`);
  }, 240_000);
});
