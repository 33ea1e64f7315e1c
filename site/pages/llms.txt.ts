/**
 * /llms.txt: the guide's index for language models, in the llms.txt format. Everything listed comes from the
 * collections, so a new profile, catalog, reference page, template or gotcha appears here with its own
 * one-line description; the gotchas go under "Optional" because the catalog pages already lead to them.
 */
import type { APIRoute } from 'astro';
import { getCollection } from 'astro:content';
import { allGotchas, byOrder } from '../lib/collections.ts';
import { SECTIONS } from '../../lint/src/schema/index.ts';
import { allTemplates } from '../lib/templates.ts';
import { catalogPath, gotchaPath, profilePath, referencePath, templatePath } from '../../lint/src/markdown/links.ts';
import { GUIDE_SUMMARY, renderLlmsIndex, siteUrls } from '../lib/llms.ts';

export const GET: APIRoute = async ({ site }) => {
  const url = siteUrls(site, import.meta.env.BASE_URL);
  const gotchas = await allGotchas();
  const references = (await getCollection('references')).sort(byOrder);
  const profiles = (await getCollection('profiles')).sort(byOrder);
  // Sidebar order: by section (operations, platforms, training), then the catalog's order.
  const catalogs = (await getCollection('catalogs')).sort((a, b) => SECTIONS.indexOf(a.data.section) - SECTIONS.indexOf(b.data.section) || byOrder(a, b));
  const catalogTitle = new Map(catalogs.map((c) => [c.id, c.data.title]));
  const count = (id: string) => gotchas.filter((g) => g.data.catalog === id).length;

  const text = renderLlmsIndex({
    title: 'Remote GPU Field Guide',
    summary: GUIDE_SUMMARY,
    details: [
      `${gotchas.length} gotchas in ${catalogs.length} catalogs and ${profiles.length} platform profiles. Gotcha ids (U6, RP3, MN2) are stable and safe to cite. ` +
        'Internal links in the full text point at pages of this site; each page says whether its facts were checked against a quoted source (and in which month) or carried over, unchecked, from the knowledge base the guide grew from.',
    ],
    sections: [
      { heading: 'Reference', links: references.map((r) => ({ title: r.data.title, url: url(referencePath(r.id)), description: r.data.description })) },
      { heading: 'Platform profiles', links: profiles.map((p) => ({ title: p.data.title, url: url(profilePath(p.id)), description: p.data.description })) },
      {
        heading: 'Catalogs',
        links: catalogs.map((c) => ({ title: c.data.title, url: url(catalogPath(c.id)), description: `${c.data.description} (${count(c.id)} entries)` })),
      },
      {
        heading: 'Compare and find',
        links: [
          { title: 'Find a gotcha', url: url('/gotchas/'), description: 'every entry in one list, filterable by platform, catalog, cost and tag' },
          { title: 'Training debug', url: url('/training/'), description: 'start from a training symptom and follow its guide' },
          { title: 'Survival matrix', url: url('/compare/survival/'), description: 'which storage outlives a stop and which outlives a destroy, per platform' },
          { title: 'Teardown and billing', url: url('/compare/teardown/'), description: 'the action that ends billing on each platform and what it deletes' },
          { title: 'Danger clocks', url: url('/compare/danger-clocks/'), description: 'timers that release machines or delete data, soonest first' },
          { title: 'Spot and interruption', url: url('/compare/spot/'), description: 'interruptible capacity, warning time and signal per platform' },
          { title: 'Driver and CUDA', url: url('/compare/driver/'), description: 'who sets the host driver and image CUDA, and where to read it, per platform' },
          { title: 'Script overrides', url: url('/compare/overrides/'), description: 'the values the templates need on each platform' },
          { title: 'Lifecycle checklist', url: url('/compare/checklist/'), description: 'the job checklist filled in for one platform' },
        ],
      },
      {
        heading: 'Script templates',
        links: allTemplates().map((t) => ({ title: `\`${t.file}\``, url: url(templatePath(t.file)), description: `${t.meta.title}: ${t.meta.purpose}` })),
      },
      {
        heading: 'Machine-readable',
        links: [
          { title: 'llms-full.txt', url: url('/llms-full.txt'), description: 'every page of the guide as Markdown in one file' },
          { title: 'gotchas.json', url: url('/gotchas.json'), description: 'the frontmatter facts of every gotcha with its page URL' },
          { title: 'profiles.json', url: url('/profiles.json'), description: 'the frontmatter facts of every platform profile with its page URL' },
        ],
      },
      {
        heading: 'Optional',
        links: gotchas.map((g) => ({
          title: `${g.data.id} — ${g.data.title}`,
          url: url(gotchaPath(g.data.id)),
          description: `${catalogTitle.get(g.data.catalog) ?? g.data.catalog}; costs ${g.data.cost.join(', ')}`,
        })),
      },
    ],
  });
  return new Response(text, { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
};
