/**
 * SARIF 2.1.0 for GitHub code scanning: each rule listed once with its help URL, each result with a level, a
 * region and a partial fingerprint so the same finding is not re-opened as a new alert on every run.
 */
import { createHash } from 'node:crypto';
import type { Finding } from '../engine/run.ts';
import type { Rule } from '../rules/define.ts';
import { ruleUrl, SITE_URL } from '../site-url.ts';

export function formatSarif(findings: readonly Finding[], rules: readonly Rule[], version: string): string {
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'kb-lint',
            informationUri: SITE_URL,
            version,
            rules: rules.map((r) => ({
              id: r.id,
              shortDescription: { text: r.description },
              helpUri: ruleUrl(r.id),
              defaultConfiguration: { level: r.severity === 'error' ? 'error' : 'warning' },
            })),
          },
        },
        results: findings.map((f) => ({
          ruleId: f.ruleId,
          ruleIndex: ruleIndex.get(f.ruleId),
          level: f.severity === 'error' ? 'error' : 'warning',
          message: { text: f.note ? `${f.message}. ${f.note}` : f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: f.file, uriBaseId: '%SRCROOT%' },
                region: { startLine: f.line ?? 1, startColumn: f.column ?? 1, ...(f.endLine ? { endLine: f.endLine } : {}), ...(f.endColumn ? { endColumn: f.endColumn } : {}) },
              },
            },
          ],
          // Rule, file and what is flagged, never the message: a stamp's message changes every month it ages, and
          // code scanning would open a new alert for the same stamp each time.
          partialFingerprints: { 'kbLint/v2': createHash('sha256').update(`${f.ruleId}\0${f.file}\0${f.key ?? f.message}`).digest('hex').slice(0, 32) },
        })),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
