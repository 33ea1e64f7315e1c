/** Machine output: a stable array, one object per finding. */
import type { Finding } from '../engine/run.ts';

export function formatJson(findings: readonly Finding[]): string {
  return `${JSON.stringify(
    findings.map(({ fix, key: _key, ...f }) => ({ ...f, fixable: fix !== undefined })),
    null,
    2,
  )}\n`;
}
