/**
 * /zh-cn/llms.txt: the Chinese edition of /llms.txt, asked for by its path as the other Chinese pages are. The
 * same sections and pages; each page with an up-to-date Chinese translation is listed under its Chinese title
 * and /zh-cn/ URL, every other page in English (site/lib/llms-index.ts). llms-full.txt stays English.
 */
import type { APIRoute } from 'astro';
import { llmsIndexText } from '../../lib/llms-index.ts';

export const GET: APIRoute = async ({ site }) =>
  new Response(await llmsIndexText('zh-cn', site, import.meta.env.BASE_URL), { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
