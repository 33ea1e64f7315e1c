/** Collection helpers shared by the routes. */
import { getCollection, type CollectionEntry } from 'astro:content';

const idOrder = (a: string, b: string) => {
  const [, pa = '', na = '0'] = /^(.*?)(\d+)$/.exec(a) ?? [];
  const [, pb = '', nb = '0'] = /^(.*?)(\d+)$/.exec(b) ?? [];
  return pa.localeCompare(pb) || Number(na) - Number(nb);
};

/**
 * Every published gotcha, sorted by catalog then id number (U2 before U10). Every gotcha page asks for it
 * (its related entries), so a build loads and sorts it once: asked afresh per page, it made each page's
 * cost grow with the corpus (18 ms a page at 5,000 gotchas against 8 ms at 350). The dev server asks
 * afresh, since content changes under it.
 */
export async function allGotchas(): Promise<CollectionEntry<'gotchas'>[]> {
  if (!import.meta.env.PROD) return loadGotchas();
  sorted ??= loadGotchas();
  return [...(await sorted)];
}

export async function gotchasById(): Promise<ReadonlyMap<string, CollectionEntry<'gotchas'>>> {
  if (!import.meta.env.PROD) return indexById(await loadGotchas());
  byId ??= loadGotchas().then(indexById);
  return byId;
}

let sorted: Promise<CollectionEntry<'gotchas'>[]> | undefined;
let byId: Promise<ReadonlyMap<string, CollectionEntry<'gotchas'>>> | undefined;

async function loadGotchas(): Promise<CollectionEntry<'gotchas'>[]> {
  const all = await getCollection('gotchas', (g) => !g.data.draft);
  return all.sort((a, b) => a.data.catalog.localeCompare(b.data.catalog) || idOrder(a.data.id, b.data.id));
}

const indexById = (gotchas: CollectionEntry<'gotchas'>[]) => new Map(gotchas.map((g) => [g.data.id, g]));

export const byOrder = <T extends { data: { order: number; title: string } }>(a: T, b: T) => a.data.order - b.data.order || a.data.title.localeCompare(b.data.title);
