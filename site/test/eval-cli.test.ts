/** The pasted-log eval's command line: usage on --help, a one-line error and exit 2 on a flag it does not know. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SCRIPT = fileURLToPath(new URL('../../evals/run-log-evals.ts', import.meta.url));
const run = (...args: string[]) => spawnSync(process.execPath, [SCRIPT, ...args], { encoding: 'utf8' });

describe('evals/run-log-evals.ts', () => {
  it('prints its usage for --help and exits 0 without running the eval', () => {
    const r = run('--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^usage: node evals\/run-log-evals\.ts/);
    expect(r.stdout).not.toMatch(/recall/);
  });

  it('names an unknown flag and exits 2, without a stack trace', () => {
    const r = run('--bogus');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("Unknown option '--bogus'");
    expect(r.stderr).toContain('usage:');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
