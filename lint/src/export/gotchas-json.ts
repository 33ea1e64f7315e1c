/**
 * `kb-lint export gotchas`: the records the site serves as /gotchas.json (every published gotcha's frontmatter,
 * defaults filled in, with the path of its page), from the corpus the other exports read, so a checkout can
 * produce them without a site build. English unless asked: with `--locale zh-cn` a gotcha with an up-to-date
 * translation carries its Chinese `title` and `keywords` and the path of its Chinese page; every fact field is
 * the English page's either way.
 */
import { gotchaPath } from '../markdown/links.ts';
import type { Corpus } from './corpus.ts';

// The site's order (site/lib/collections.ts): catalog by name, then the id's prefix, then its number.
const idOrder = (a: string, b: string) => {
  const [, pa = '', na = '0'] = /^(.*?)(\d+)$/.exec(a) ?? [];
  const [, pb = '', nb = '0'] = /^(.*?)(\d+)$/.exec(b) ?? [];
  return pa.localeCompare(pb) || Number(na) - Number(nb);
};

export function gotchaRecords(corpus: Corpus, base = '', locale?: string): Record<string, unknown>[] {
  const b = base.replace(/\/$/, '');
  const translated = new Set((corpus.localized?.used ?? []).map((u) => u.original));
  return [...corpus.gotchas]
    .sort((x, y) => x.data.catalog.localeCompare(y.data.catalog) || idOrder(x.data.id, y.data.id))
    .map((g) => ({ url: `${b}${locale && translated.has(g.file.path) ? `/${locale}` : ''}${gotchaPath(g.data.id)}`, ...g.data }));
}
