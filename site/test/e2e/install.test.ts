/**
 * The guide installs like a tool (issue 25): a clean copy of the repository, `npm ci --omit=dev` (runtime
 * dependencies only, from the npm registry), and then the linter under an older Node and the site build both
 * work. Slow (an install and a build), so it lives with the end-to-end tests.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../serve.ts';

const copy = mkdtempSync(join(tmpdir(), 'kb-omit-dev-'));
afterAll(() => rmSync(copy, { recursive: true, force: true }));

describe('npm ci --omit=dev', () => {
  it('installs what the linter and the build need, and both then work', { timeout: 900_000 }, () => {
    // The committed tree only: no node_modules, no build output, nothing untracked.
    execFileSync('bash', ['-c', `git -C "${ROOT}" archive HEAD | tar -x -C "${copy}"`]);
    const env = { ...process.env, PATH: [join(ROOT, 'node_modules/.bin'), process.env.PATH].join(delimiter), ASTRO_TELEMETRY_DISABLED: '1' };
    const sh = (cmd: string, args: string[]) => spawnSync(cmd, args, { cwd: copy, env, encoding: 'utf8', maxBuffer: 1 << 28 });
    const install = sh('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund']);
    expect(install.status, install.stderr).toBe(0);
    expect(existsSync(join(copy, 'node_modules/vitest'))).toBe(false);

    const lint = sh('npm', ['run', 'lint', '--', '--format', 'json']);
    expect(lint.status, lint.stderr).toBe(0);
    expect(Array.isArray(JSON.parse(lint.stdout.slice(lint.stdout.indexOf('[')))), lint.stdout).toBe(true);
    // `npx kb-lint` from the clone, and the bin under whatever older Node the machine has (Node 20 here).
    const help = sh('npx', ['--no-install', 'kb-lint', '--help']);
    expect(help.status, help.stderr).toBe(0);
    expect(help.stdout).toMatch(/^Usage: kb-lint/m);
    for (const old of ['/usr/bin/node', '/bin/node'].filter(existsSync)) {
      const r = spawnSync(old, ['lint/bin.js', '--list-rules'], { cwd: copy, encoding: 'utf8' });
      expect(r.status, `${old}: ${r.stderr}`).toBe(0);
    }

    const build = sh('npm', ['run', 'build']);
    expect(build.status, build.stdout.slice(-3000) + build.stderr.slice(-3000)).toBe(0);
    expect(existsSync(join(copy, 'dist/index.html'))).toBe(true);
  });
});
