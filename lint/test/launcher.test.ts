/**
 * lint/bin.js as a user starts it: as a program through its `#!` line (how `npx kb-lint` and an installed
 * bin run it), and through the npm scripts, which must give Node the same start-up flags, since those can
 * only be set when the process starts.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDirs, writeTree } from './corpus.ts';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(REPO, 'lint/bin.js');
// The pinned Node first on PATH, as npm puts it for scripts, so `env node` is the Node the project runs on.
const env = { ...process.env, PATH: [join(REPO, 'node_modules/.bin'), process.env.PATH].join(delimiter) };
const temp = tempDirs('kb-launcher-');

/** What the `#!` line gives Node before the script: `env -S node <flags>`. */
function shebangFlags(): string[] {
  const first = readFileSync(BIN, 'utf8').split('\n')[0];
  const m = /^#!\/usr\/bin\/env -S node((?: --[\w-]+(?:=\S+)?)*)$/.exec(first);
  expect(m, `unexpected first line of lint/bin.js: ${first}`).not.toBeNull();
  return m![1].trim().split(/\s+/).filter(Boolean);
}

describe('lint/bin.js', () => {
  it('runs as a program through its #! line and lints', () => {
    expect(shebangFlags()).toEqual(['--max-semi-space-size=8', '--no-allocation-site-pretenuring']);
    const help = spawnSync(BIN, ['--help'], { env, encoding: 'utf8' });
    expect(help.status, help.stderr).toBe(0);
    expect(help.stdout).toMatch(/^Usage: kb-lint/m);
    const root = writeTree(temp());
    const run = spawnSync(BIN, ['--root', root, '--today', '2026-11'], { env, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/\d+ file\(s\) checked/);
  });

  it('is started by every npm script with the flags of its #! line', () => {
    const scripts = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    const launching = Object.entries(scripts).filter(([, command]) => command.includes('lint/bin.js'));
    expect(launching.map(([name]) => name)).toContain('lint');
    const expected = ['node', ...shebangFlags(), 'lint/bin.js'].join(' ');
    for (const [name, command] of launching) expect(command.startsWith(expected), `npm script ${name}: ${command}`).toBe(true);
  });

  it('works when started by an older Node (20), which cannot run TypeScript itself', () => {
    const old = ['/usr/bin/node', '/bin/node'].find((n) => spawnSync(n, ['-v'], { encoding: 'utf8' }).stdout?.startsWith('v20'));
    if (!old) return; // no Node 20 on this machine
    const help = spawnSync(old, [BIN, '--help'], { encoding: 'utf8' });
    expect(help.stderr).not.toMatch(/ERR_UNKNOWN_FILE_EXTENSION/);
    expect(help.status, help.stderr).toBe(0);
    expect(help.stdout).toMatch(/^Usage: kb-lint/m);
    const root = writeTree(temp());
    const run = spawnSync(old, [BIN, '--root', root, '--today', '2026-11'], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/\d+ file\(s\) checked/);
  });

  it('ends quietly when its reader has closed the pipe', () => {
    // `true` exits without reading, long before Node has started, so the first write meets a closed pipe.
    const r = spawnSync('bash', ['-o', 'pipefail', '-c', `"${BIN}" --help | true`], { env, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
