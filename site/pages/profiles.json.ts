/**
 * /profiles.json: the frontmatter facts of every platform profile with its id (the file name, which the
 * frontmatter does not repeat) and the absolute path of its page, in sidebar order. A record minus `id` and
 * `url` is valid profile frontmatter.
 */
import type { APIRoute } from 'astro';
import { getCollection } from 'astro:content';
import { byOrder } from '../lib/collections.ts';
import { profilePath } from '../../lint/src/markdown/links.ts';

export const GET: APIRoute = async () => {
  const base = import.meta.env.BASE_URL.replace(/\/$/, '');
  const profiles = (await getCollection('profiles')).sort((a, b) => byOrder(a, b) || a.id.localeCompare(b.id));
  const records = profiles.map((p) => ({ id: p.id, url: base + profilePath(p.id), ...p.data }));
  return new Response(`${JSON.stringify(records, null, 2)}\n`, { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
