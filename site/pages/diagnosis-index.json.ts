/** /diagnosis-index.json: what the paste page and the search box diagnose a log against, offline once fetched. */
import type { APIRoute } from 'astro';
import { siteDiagnosisIndex } from '../lib/diagnosis.ts';

export const GET: APIRoute = async () =>
  new Response(JSON.stringify(await siteDiagnosisIndex()), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
