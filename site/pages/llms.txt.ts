/**
 * /llms.txt: the guide's index for language models, in the llms.txt format. Everything listed comes from the
 * collections, so a new profile, catalog, reference page, template or gotcha appears here with its own
 * one-line description; the gotchas go under "Optional" because the catalog pages already lead to them. The
 * Chinese edition (/zh-cn/llms.txt) is the same index with its translated pages (site/lib/llms-index.ts).
 */
import type { APIRoute } from 'astro';
import { llmsIndexText } from '../lib/llms-index.ts';

export const GET: APIRoute = async ({ site }) =>
  new Response(await llmsIndexText('root', site, import.meta.env.BASE_URL), { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
