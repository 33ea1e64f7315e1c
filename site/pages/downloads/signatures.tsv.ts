/** /downloads/signatures.tsv: every error signature, for scripts/diagnose_log.sh on a box without Node. */
import type { APIRoute } from 'astro';
import { signaturesTsv, siteDiagnosisIndex } from '../../lib/diagnosis.ts';

export const GET: APIRoute = async ({ site }) =>
  new Response(signaturesTsv(await siteDiagnosisIndex(), site?.href ?? 'http://localhost:4321/'), { headers: { 'Content-Type': 'text/tab-separated-values; charset=utf-8' } });
