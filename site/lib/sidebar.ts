/**
 * The sidebar, generated from content frontmatter. Starlight can only autogenerate groups from its docs
 * collection, and our pages come from other collections, so the groups are built here at config time.
 */
import { entryIds, frontmatterOf } from './corpus-fs.ts';

interface Link { label: string; link: string }
interface Group { label: string; collapsed?: boolean; items: (Link | Group)[] }

const byOrder = (a: { order: number; label: string }, b: { order: number; label: string }) => a.order - b.order || a.label.localeCompare(b.label);

function pages(folder: string, route: (id: string) => string, filter: (fm: Record<string, unknown>) => boolean = () => true) {
  return entryIds(folder)
    .map((id) => ({ id, fm: frontmatterOf(`${folder}/${id}.md`) }))
    .filter(({ fm }) => filter(fm))
    .map(({ id, fm }) => ({ label: String(fm.title ?? id), link: route(id), order: typeof fm.order === 'number' ? fm.order : 100 }))
    .sort(byOrder)
    .map(({ label, link }) => ({ label, link }));
}

export function buildSidebar(): Group[] {
  const catalogs = (section: string) => pages('catalogs', (id) => `/catalogs/${id}/`, (fm) => fm.section === section);
  return [
    {
      label: 'Start here',
      items: [
        { label: 'What this guide is', link: '/' },
        { label: 'Find a gotcha', link: '/gotchas/' },
        { label: 'Paste an error or log', link: '/diagnose/' },
        ...pages('references', (id) => `/reference/${id}/`).slice(0, 3),
      ],
    },
    { label: 'Platforms', items: [...pages('profiles', (id) => `/profiles/${id}/`), { label: 'Compare platforms', link: '/compare/' }, { label: 'Kept and billed after a stop', link: '/compare/stopped/' }] },
    { label: 'Operations', items: [...catalogs('operations'), ...pages('references', (id) => `/reference/${id}/`).slice(3)] },
    { label: 'Training debug', items: [{ label: 'Start from a symptom', link: '/training/' }, ...catalogs('training')] },
    { label: 'Platform gotchas', collapsed: true, items: catalogs('platforms') },
    { label: 'Scripts', collapsed: true, items: [{ label: 'All templates', link: '/templates/' }] },
    { label: 'Maintaining', collapsed: true, items: [{ label: 'Staleness', link: '/staleness/' }, { label: 'Lint rules', link: '/lint/' }] },
  ];
}
