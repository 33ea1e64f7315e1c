/** Collection helpers shared by the routes. */
import { getCollection, type CollectionEntry } from 'astro:content';

const idOrder = (a: string, b: string) => {
  const [, pa = '', na = '0'] = /^(.*?)(\d+)$/.exec(a) ?? [];
  const [, pb = '', nb = '0'] = /^(.*?)(\d+)$/.exec(b) ?? [];
  return pa.localeCompare(pb) || Number(na) - Number(nb);
};

/** Every published gotcha, sorted by catalog then id number (U2 before U10). */
export async function allGotchas(): Promise<CollectionEntry<'gotchas'>[]> {
  const all = await getCollection('gotchas', (g) => !g.data.draft);
  return all.sort((a, b) => a.data.catalog.localeCompare(b.data.catalog) || idOrder(a.data.id, b.data.id));
}

export async function gotchasById(): Promise<Map<string, CollectionEntry<'gotchas'>>> {
  return new Map((await allGotchas()).map((g) => [g.data.id, g]));
}

export const byOrder = <T extends { data: { order: number; title: string } }>(a: T, b: T) => a.data.order - b.data.order || a.data.title.localeCompare(b.data.title);
