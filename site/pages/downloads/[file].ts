/** Each script template, served at /downloads/<file name> with exactly the bytes in scripts/. */
import type { APIRoute } from 'astro';
import { allTemplates } from '../../lib/templates.ts';

export function getStaticPaths() {
  return allTemplates().map((t) => ({ params: { file: t.file }, props: { source: t.source } }));
}

export const GET: APIRoute = ({ props }) =>
  new Response(Buffer.from(props.source as string, 'utf8'), { headers: { 'Content-Type': 'text/x-shellscript; charset=utf-8' } });
