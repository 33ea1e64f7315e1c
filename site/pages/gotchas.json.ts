/**
 * /gotchas.json: the frontmatter facts of every published gotcha (defaults filled in, as the site renders
 * them) with the absolute path of its page, in the order of the gotcha list: by catalog, then id number.
 * `url` is the only key not in the content model, so a record minus `url` is valid gotcha frontmatter.
 * Provenance is in the record as written: `verified` (checked, with the quoted `sources`) or `carried_over`.
 */
import type { APIRoute } from 'astro';
import { allGotchas } from '../lib/collections.ts';
import { gotchaPath } from '../../lint/src/markdown/links.ts';

export const GET: APIRoute = async () => {
  const base = import.meta.env.BASE_URL.replace(/\/$/, '');
  const records = (await allGotchas()).map((g) => ({ url: base + gotchaPath(g.data.id), ...g.data }));
  return new Response(`${JSON.stringify(records, null, 2)}\n`, { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
