/**
 * Turn link-check results into `source-url` findings at the position of each dead URL, so `--check-links`
 * output goes through the same formatters and exit codes as every other finding.
 */
import { toFinding, type Finding } from '../engine/analyse.ts';
import type { LintFile } from '../engine/types.ts';
import { ruleById } from '../rules/index.ts';
import { checkUrls, type CheckOptions } from './check.ts';

interface SourceUse { file: LintFile; index: number; url: string }

function sourceUses(files: readonly LintFile[]): SourceUse[] {
  const uses: SourceUse[] = [];
  for (const file of files) {
    const sources = file.frontmatter.data.sources;
    if (!Array.isArray(sources)) continue;
    sources.forEach((s, index) => {
      const url = s && typeof s === 'object' ? (s as { url?: unknown }).url : undefined;
      // Only URLs the schema accepts are fetched: never a private host, never plain http.
      if (typeof url === 'string' && /^https:\/\//.test(url) && URL.canParse(url)) uses.push({ file, index, url });
    });
  }
  return uses;
}

export async function deadLinkFindings(files: readonly LintFile[], options: CheckOptions = {}): Promise<Finding[]> {
  const uses = sourceUses(files);
  const results = await checkUrls(uses.map((u) => u.url), options);
  const findings: Finding[] = [];
  for (const use of uses) {
    const result = results.get(use.url);
    if (!result || result.ok) continue;
    findings.push(
      toFinding(ruleById.get('source-url')!, 'error', use.file, {
        message: `Dead source \`${use.url}\`: ${result.status ? `HTTP ${result.status}` : result.error}`,
        place: use.file.frontmatter.positionOf(['sources', use.index, 'url']),
        note: 'Find where the page moved (or an archived copy) and update the URL; re-check the fact it supports.',
      }),
    );
  }
  return findings;
}
