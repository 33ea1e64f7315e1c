import { getCollection } from 'astro:content';
import type { ProfileRef } from './compare.ts';

export async function profileRefs(): Promise<ProfileRef[]> {
  return (await getCollection('profiles')).map((e) => ({ id: e.id, data: e.data }));
}
