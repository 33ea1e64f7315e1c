/**
 * Issue 33, "Diagnosis, MCP and exports": hostile logs and hostile content through every tool that diagnoses
 * (the CLI, the MCP server over stdio, the engine the page's worker bundles) and through `export skill`.
 * The bounded-repeat cases run the tools as processes with a generous kill timer: before RE2 they never
 * finished, and a test that blocked the event loop could not fail on its own.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { buildDiagnosisIndex, diagnose, MAX_LINES, type DiagnosisSource } from '../src/diagnose/index.ts';
import { runCommand } from '../src/commands/command.ts';
import { diagnoseCommand } from '../src/commands/diagnose.ts';
import { MAX_LOG_BYTES } from '../src/diagnose/log-limit.ts';
import { main } from '../src/cli.ts';
import { baseCorpus, GOTCHA, tempDirs, writeTree } from './corpus.ts';

/** The MCP server as the documented host config starts it: `kb-lint mcp` through the bin. */
const BIN = fileURLToPath(new URL('../bin.js', import.meta.url));
const temp = tempDirs('kb-diagnose-hostile-');

/** Lint-clean in every way the linter checked before issue 33 (recheck called it linear). */
const BOUNDED_REPEAT = '( | ){1,60}Killed';
const SPACES = `${' '.repeat(1000)}x\n`;
const KILL_AFTER_MS = 60_000;

const source = (id: string, signatures: DiagnosisSource['signatures']): DiagnosisSource => ({ id, title: `Gotcha ${id}`, url: `/gotchas/${id.toLowerCase()}/`, keywords: [], platforms: ['all'], symptom: 'x', signatures });

/** A project whose one gotcha carries the bounded-repeat signature, with its Symptom showing it. */
function hostileProject() {
  const page = GOTCHA('AL1', `related: [AL2]\nsignatures:\n  - regex: '${BOUNDED_REPEAT}'\n`, '## Symptom\n\n```text\n   Killed\n```\n\n## Root cause\n\nx y z.\n\n## Fix\n\nDo a thing.\n');
  return writeTree(temp(), { ...baseCorpus(), 'content/gotchas/alpha/al1-disk-full.md': page });
}

async function cli(argv: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const code = await runCommand(diagnoseCommand(async () => ''), { argv, cwd, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) }, argv);
  return { code, stdout, stderr };
}

describe('a signature with a bounded repeat, on a line of spaces', () => {
  it('the CLI answers (RE2 never backtracks)', () => {
    const root = hostileProject();
    const r = spawnSync(process.execPath, [BIN, 'diagnose', '-', '--root', root, '--format', 'json'], { input: `${SPACES}   Killed\n`, encoding: 'utf8', timeout: KILL_AFTER_MS });
    expect(r.signal, 'killed by the timer: the match did not finish').toBeNull();
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).matches[0]).toMatchObject({ id: 'AL1', via: 'signature', line: { number: 2 } });
  }, KILL_AFTER_MS + 10_000);

  it('the MCP server answers', async () => {
    const root = hostileProject();
    const client = new Client({ name: 'hostile-test', version: '1.0.0' });
    await client.connect(new StdioClientTransport({ command: process.execPath, args: [BIN, 'mcp'], cwd: root, env: { ...process.env, KB_ROOT: root } as Record<string, string>, stderr: 'ignore' }));
    try {
      const r = (await client.callTool({ name: 'diagnose_log', arguments: { log: `${SPACES}   Killed\n` } }, undefined, { timeout: KILL_AFTER_MS })) as { content: { text: string }[] };
      expect(JSON.parse(r.content[0].text).matches[0]).toMatchObject({ id: 'AL1', via: 'signature' });
    } finally {
      await client.close();
    }
  }, KILL_AFTER_MS + 20_000);

  it('the engine the page worker bundles answers, in a worker that a timer would end', async () => {
    // The same engine module as site/components/diagnose-worker.ts, run off this thread so a stall can fail.
    const code = `import { diagnose, buildDiagnosisIndex } from ${JSON.stringify(new URL('../src/diagnose/index.ts', import.meta.url).href)};
      const index = buildDiagnosisIndex([{ id: 'AL1', title: 'x', url: '/x/', keywords: [], platforms: ['all'], symptom: 'x', signatures: [{ regex: ${JSON.stringify(BOUNDED_REPEAT)} }] }]);
      process.stdout.write(JSON.stringify(diagnose(${JSON.stringify(SPACES.repeat(20))} + '  Killed', index).matches.map((m) => m.id)));`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
    const timer = setTimeout(() => child.kill('SIGKILL'), KILL_AFTER_MS);
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    const exit = await new Promise<number | null>((done) => child.on('exit', done));
    clearTimeout(timer);
    expect(exit, 'killed by the timer: the match did not finish').toBe(0);
    expect(JSON.parse(out)).toEqual(['AL1']);
  }, KILL_AFTER_MS + 10_000);
});

describe('a long log', () => {
  const index = buildDiagnosisIndex([source('M1', [{ literal: 'CUDA out of memory' }])]);

  it('the engine reads the end of a paste with more lines than it keeps, where the run died', () => {
    const lines = MAX_LINES + 50_000;
    const log = `${'step ok\n'.repeat(lines - 1)}torch.OutOfMemoryError: CUDA out of memory`;
    const r = diagnose(log, index);
    expect(r.truncated).toBe(true);
    expect(r.matches[0]).toMatchObject({ id: 'M1', line: { number: lines } });
  });

  it('the CLI reads the last 32 MiB of a larger log file and finds its final line', async () => {
    const dir = temp();
    writeFileSync(join(dir, 'index.json'), JSON.stringify(index));
    const filler = 'x'.repeat(1023) + '\n';
    writeFileSync(join(dir, 'big.log'), `${filler.repeat(MAX_LOG_BYTES / 1024 + 4096)}torch.OutOfMemoryError: CUDA out of memory\n`);
    const r = await cli(['big.log', '--index', 'index.json', '--format', 'json'], dir);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.truncated).toBe(true);
    expect(out.matches[0]).toMatchObject({ id: 'M1', line: { text: 'torch.OutOfMemoryError: CUDA out of memory' } });
  }, 60_000);
});

describe('the MCP server and a large request', () => {
  it('answers a 12 MiB log, refuses one over the limit with an error reply, and keeps serving', async () => {
    const root = hostileProject();
    const client = new Client({ name: 'hostile-test', version: '1.0.0' });
    let closed = false;
    client.onclose = () => (closed = true);
    await client.connect(new StdioClientTransport({ command: process.execPath, args: [BIN, 'mcp'], cwd: root, env: { ...process.env, KB_ROOT: root } as Record<string, string>, stderr: 'ignore' }));
    try {
      const call = (log: string) => client.callTool({ name: 'diagnose_log', arguments: { log } }, undefined, { timeout: 60_000 }) as Promise<{ content: { text: string }[] }>;
      const mid = await call(`${'step ok\n'.repeat((12 * 1024 * 1024) / 8)}   Killed\n`);
      expect(JSON.parse(mid.content[0].text).matches[0]).toMatchObject({ id: 'AL1' });
      await expect(call('y'.repeat(MAX_LOG_BYTES + 1))).rejects.toThrow(/Request too large: \d+ bytes, expected at most 33554432 \(32 MiB\)/);
      const after = await call('   Killed\n');
      expect(JSON.parse(after.content[0].text).matches[0]).toMatchObject({ id: 'AL1' });
      expect(closed).toBe(false);
    } finally {
      await client.close();
    }
  }, 120_000);
});

describe('content the tools must not read', () => {
  /** A project with one page linked in from outside it, or one FIFO where a page would be. */
  function linkedOut() {
    const outside = temp();
    writeFileSync(join(outside, 'secret.md'), GOTCHA('AL9').replace('Disk fills up', 'SECRET-FROM-OUTSIDE'));
    const root = writeTree(temp());
    symlinkSync(join(outside, 'secret.md'), join(root, 'content/gotchas/alpha/al9-linked.md'));
    return root;
  }
  function withFifo() {
    const root = writeTree(temp());
    const made = spawnSync('mkfifo', [join(root, 'content/gotchas/alpha/al9-fifo.md')]);
    expect(made.status).toBe(0);
    return root;
  }

  it.each([
    ['a page linked from outside the repository', linkedOut, /al9-linked\.md\n1:1[^\n]*outside the repository/],
    ['a FIFO', withFifo, /al9-fifo\.md\n1:1[^\n]*not a regular file \(a FIFO\)/],
  ])('diagnose refuses %s: exit 2, the file named', async (_name, make, message) => {
    const root = make();
    const r = await cli(['-', '--root', root], root);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).not.toContain('SECRET-FROM-OUTSIDE');
  }, 20_000);

  it.each([
    ['a page linked from outside the repository', linkedOut, /al9-linked\.md\n1:1[^\n]*outside the repository/],
    ['a FIFO', withFifo, /al9-fifo\.md\n1:1[^\n]*not a regular file \(a FIFO\)/],
  ])('export skill refuses %s: exit 1, the file named, nothing written', async (_name, make, message) => {
    const root = make();
    let stderr = '';
    const code = await main({ argv: ['export', 'skill', '--root', root, '--out', 'out'], cwd: root, stdout: () => {}, stderr: (t) => (stderr += t) });
    expect(code).toBe(1);
    expect(stderr).toMatch(message);
  }, 20_000);

  it('the MCP server refuses to start on such content: exit 2, the file named', () => {
    const root = linkedOut();
    const r = spawnSync(process.execPath, [BIN, 'mcp'], { cwd: root, env: { ...process.env, KB_ROOT: root }, input: '', encoding: 'utf8', timeout: KILL_AFTER_MS });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/al9-linked\.md\n1:1[^\n]*outside the repository/);
  }, KILL_AFTER_MS);
});
