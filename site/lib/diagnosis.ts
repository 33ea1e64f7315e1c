/**
 * The diagnosis index and the signatures download, built from the same collection the pages render. The
 * engine that reads them is lint/src/diagnose (one module for site, CLI and MCP server).
 */
import { allGotchas } from './collections.ts';
import { getCollection } from 'astro:content';
import { gotchaPath, referencePath } from '../../lint/src/markdown/links.ts';
import { buildDiagnosisIndex, type DiagnosisIndex } from '../../lint/src/diagnose/index-data.ts';
import { symptomMarkdown } from '../../lint/src/diagnose/symptom.ts';
import { tableCell } from '../../lint/src/table-cell.ts';

export async function siteDiagnosisIndex(): Promise<DiagnosisIndex> {
  const base = import.meta.env.BASE_URL.replace(/\/$/, '');
  // Reference pages that declare signatures (the Xid table) answer too, after the gotchas (engine.ts).
  const references = (await getCollection('references'))
    .filter((r) => r.data.signatures.length > 0)
    .map((r) => ({
      id: `ref:${r.id}`,
      title: r.data.title,
      url: base + referencePath(r.id),
      keywords: [r.data.description],
      platforms: ['all'],
      symptom: r.body ?? '',
      signatures: r.data.signatures,
      reference: true,
    }));
  return buildDiagnosisIndex([
    ...references,
    ...(await allGotchas()).map((g) => ({
      id: g.data.id,
      title: g.data.title,
      url: base + gotchaPath(g.data.id),
      keywords: g.data.keywords,
      platforms: g.data.platforms,
      symptom: symptomMarkdown(g.body ?? ''),
      signatures: g.data.signatures,
    })),
  ]);
}


/**
 * `id, kind, pattern, title, url`, one signature a line, for the box script (`grep -E` for `regex`, a
 * case-insensitive fixed-string match for `literal`). `site` makes the URLs absolute.
 */
export function signaturesTsv(index: DiagnosisIndex, site: string): string {
  const rows: string[] = [];
  for (const d of index.docs) {
    for (const s of d.signatures) {
      const [kind, pattern] = 'literal' in s ? ['literal', s.literal] : [s.flags === 'i' ? 'regex-i' : 'regex', s.regex];
      rows.push([d.id, kind, pattern, d.title, new URL(d.url, site).href].map((field) => tableCell(field, { format: 'tsv' })).join('\t'));
    }
  }
  return `${rows.join('\n')}\n`;
}
