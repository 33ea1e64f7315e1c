/**
 * The failure lines `npm test` ends with, from real vitest and bats output: a failed test, a file that does
 * not load, a hook that throws, and files that pass must each come out as CI needs to read them.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { batsFailures, vitestFailures, type VitestReport } from './test-report.ts';

const VITEST = fileURLToPath(new URL('../node_modules/vitest/vitest.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'kb-test-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const FILES: Record<string, string> = {
  'passing.test.ts': "import { it } from 'vitest';\nit('is fine', () => {});\n",
  'failing.test.ts': "import { expect, it } from 'vitest';\nit('is fine', () => {});\nit('adds up', () => expect(1 + 1).toBe(3));\n",
  'unloadable.test.ts': "import { it } from 'vitest';\nthrow new Error('cannot load the fixture');\nit('never runs', () => {});\n",
  'hook.test.ts': "import { beforeAll, describe, it } from 'vitest';\ndescribe('group', () => {\n  beforeAll(() => { throw new Error('setup broke'); });\n  it('one', () => {});\n  it('two', () => {});\n});\n",
};

describe('vitestFailures', () => {
  it('names each failed test and each file that failed outside its tests, and nothing that passed', () => {
    for (const [name, text] of Object.entries(FILES)) writeFileSync(join(dir, name), text);
    writeFileSync(join(dir, 'package.json'), '{"type":"module"}\n');
    const out = join(dir, 'report.json');
    const run = spawnSync(process.execPath, [VITEST, 'run', '--root', dir, '--reporter=json', `--outputFile=${out}`], { encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '1' } });
    expect(run.status).toBe(1);
    const report = JSON.parse(readFileSync(out, 'utf8')) as VitestReport;
    expect(report.numPassedTests).toBe(2);
    expect(vitestFailures(report, 'vitest demo', `${dir}/`).sort()).toEqual([
      'vitest demo: failing.test.ts > adds up: AssertionError: expected 2 to be 3 // Object.is equality',
      'vitest demo: hook.test.ts: failed outside its tests (a hook threw?); see its output above',
      'vitest demo: unloadable.test.ts: cannot load the fixture',
    ]);
  });
});

describe('batsFailures', () => {
  it('takes the not-ok lines of TAP and nothing else', () => {
    const tap = '1..3\nok 1 copies\nnot ok 2 retries on a full disk\n# (in test file x.bats, line 4)\nok 3 # skip no GPU\n';
    expect(batsFailures(tap, 'bats')).toEqual(['bats: 2 retries on a full disk']);
    expect(batsFailures('1..1\nok 1 copies\n', 'bats')).toEqual([]);
  });
});
