/**
 * /llms-full.txt: every page of the guide as Markdown in one file, in reading order: reference pages, platform
 * profiles with their facts tables, each catalog's guide followed by its gotchas, then the script templates
 * with their source. Scheme links become
 * absolute URLs of this site, so a model can cite the page a fact came from.
 */
import type { APIRoute } from 'astro';
import { getCollection } from 'astro:content';
import type { RootContent } from 'mdast';
import { allGotchas, byOrder } from '../lib/collections.ts';
import { SECTIONS } from '../../lint/src/schema/index.ts';
import { catalogPath, gotchaPath, profilePath, referencePath } from '../../lint/src/markdown/links.ts';
import { GUIDE_SUMMARY, renderFullText, siteUrls, templatePage, type FullPage } from '../lib/llms.ts';
import { allTemplates } from '../lib/templates.ts';
import { factsTables, gotchaFacts, gotchaTrailer, provenanceLine, sourceList } from '../../lint/src/export/blocks.ts';
import { bulletList, heading, inline, link, text } from '../../lint/src/export/markdown.ts';
import { MARKS_KEY } from '../lib/export-marks.ts';

/** The export marks the site's Markdown pipeline recorded for an entry (astro.config.mjs, site/lib/export-marks.ts). */
const marksOf = (entry: { rendered?: { metadata?: Record<string, unknown> } }) => (entry.rendered?.metadata?.frontmatter as Record<string, unknown> | undefined)?.[MARKS_KEY];

const sources = (list: Parameters<typeof sourceList>[0]): RootContent[] => (list.length ? [heading(2, 'Sources'), sourceList(list)] : []);

export const GET: APIRoute = async ({ site }) => {
  const url = siteUrls(site, import.meta.env.BASE_URL);
  const gotchas = await allGotchas();
  const published = new Set(gotchas.map((g) => g.data.id));
  const references = (await getCollection('references')).sort(byOrder);
  const profiles = (await getCollection('profiles')).sort(byOrder);
  // Sidebar order: by section (operations, platforms, training), then the catalog's order.
  const catalogs = (await getCollection('catalogs')).sort((a, b) => SECTIONS.indexOf(a.data.section) - SECTIONS.indexOf(b.data.section) || byOrder(a, b));

  const pages: FullPage[] = [
    ...references.map((r) => ({
      title: r.data.title,
      url: url(referencePath(r.id)),
      description: r.data.description,
      before: provenanceLine(r.data),
      body: r.body ?? '',
      marks: marksOf(r),
      after: sources(r.data.sources),
    })),
    ...profiles.map((p) => {
      const pinned = gotchas.filter((g) => g.data.platforms.includes(p.id));
      return {
        title: p.data.title,
        url: url(profilePath(p.id)),
        description: p.data.description,
        before: factsTables(p.data),
        body: p.body ?? '',
        marks: marksOf(p),
        after: [
          heading(2, `Gotchas on this platform (${pinned.length})`),
          bulletList(pinned.map((g) => [link(`gotcha:${g.data.id}`, g.data.id), text(' — '), ...inline(g.data.title)])),
          ...sources(p.data.sources),
        ],
      };
    }),
    ...catalogs.flatMap((c) => [
      { title: c.data.title, url: url(catalogPath(c.id)), description: c.data.description, body: c.body ?? '', marks: marksOf(c) },
      ...gotchas
        .filter((g) => g.data.catalog === c.id)
        .map((g) => ({
          title: `${g.data.id} — ${g.data.title}`,
          url: url(gotchaPath(g.data.id)),
          before: gotchaFacts(g.data),
          body: g.body ?? '',
          marks: marksOf(g),
          // Drafts have no page, so `related` keeps only published ids, as the gotcha pages do.
          after: gotchaTrailer({ ...g.data, related: g.data.related.filter((id) => published.has(id)) }),
        })),
    ]),
    ...allTemplates().map((t) => templatePage(t, url)),
  ];
  const markdown = renderFullText({ title: 'Remote GPU Field Guide — full text', summary: GUIDE_SUMMARY, pages }, url);
  return new Response(markdown, { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
};
