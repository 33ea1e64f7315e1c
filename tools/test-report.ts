/**
 * What `npm test` repeats at the end of its output about the suites that failed. CI shows only the tail of a
 * long log, so a failure has to be named there, not only where vitest printed it minutes earlier.
 */
import { stripVTControlCharacters } from 'node:util';

/** The parts of vitest's JSON reporter output read here. */
export interface VitestReport {
  numPassedTests: number;
  testResults: {
    name: string;
    status: string;
    message?: string;
    assertionResults: { fullName: string; status: string; failureMessages?: string[] }[];
  }[];
}

const firstLine = (text = '') => stripVTControlCharacters(text).trim().split('\n')[0].slice(0, 200);

/**
 * One line per failed test, and one per file that failed outside any test: it did not load (vitest then
 * lists no tests for it at all) or a hook threw (its tests are listed as skipped).
 */
export function vitestFailures(report: VitestReport, suite: string, root: string): string[] {
  return report.testResults.flatMap((file) => {
    const name = file.name.startsWith(root) ? file.name.slice(root.length) : file.name;
    const tests = file.assertionResults.filter((t) => t.status === 'failed').map((t) => `${suite}: ${name} > ${t.fullName}: ${firstLine(t.failureMessages?.[0])}`);
    if (tests.length || file.status !== 'failed') return tests;
    return [`${suite}: ${name}: ${firstLine(file.message) || 'failed outside its tests (a hook threw?); see its output above'}`];
  });
}

/** The `not ok` lines of bats' TAP output, which name the failed tests. */
export function batsFailures(tap: string, suite: string): string[] {
  return tap.split('\n').filter((line) => line.startsWith('not ok ')).map((line) => `${suite}: ${line.slice('not ok '.length)}`);
}
