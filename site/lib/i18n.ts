/**
 * The guide's languages (issue 32). English is the root locale, so no English URL changes; a translation
 * lives at `/zh-cn/<the English path>`. Only some pages are translated, so every link that would point into
 * the Chinese tree (the language picker, the sidebar, the `hreflang` alternates) is checked against the set
 * of translated routes read here: a page without a translation is never linked under /zh-cn/.
 *
 * Node only (config time and build time): it reads content/i18n/ from disk.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CONTENT_DIR, frontmatterOf } from './corpus-fs.ts';
import { gotchaPath, profilePath, referencePath } from '../../lint/src/markdown/links.ts';

/** Starlight's `locales`: English at the root, Simplified Chinese under /zh-cn/. */
export const LOCALES = {
  root: { label: 'English', lang: 'en' },
  'zh-cn': { label: '简体中文', lang: 'zh-CN' },
} as const;

export type TranslatedLocale = Exclude<keyof typeof LOCALES, 'root'>;
export const TRANSLATED_LOCALES = Object.keys(LOCALES).filter((l) => l !== 'root') as TranslatedLocale[];

/** The collections a translation may belong to, and the English route of an entry of each. */
export const TRANSLATABLE = ['profiles', 'references', 'gotchas'] as const;
export type Translatable = (typeof TRANSLATABLE)[number];

/** Route (without base or locale) of an English entry, from its collection and its frontmatter. */
export function routeOf(collection: Translatable, entryId: string, fm: Record<string, unknown>): string {
  if (collection === 'profiles') return profilePath(entryId);
  if (collection === 'references') return referencePath(entryId);
  return gotchaPath(String(fm.id ?? entryId.split('/').at(-1)));
}

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.name.startsWith('.') || e.name.startsWith('_') ? [] : e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.md') ? [join(dir, e.name)] : [],
  );
}

/** A translation file found on disk: its collection, its entry id (same as the original's) and route. */
export interface TranslationFile {
  locale: TranslatedLocale;
  collection: Translatable;
  entryId: string;
  route: string;
  title: string;
}

const read = new Map<TranslatedLocale, readonly TranslationFile[]>();

/**
 * Every translation of `locale` under content/i18n/<locale>/. The language picker, the search box and the
 * sidebar ask on every page: a build reads the folder once (read afresh per page, its frontmatter parses took
 * 5 of a real-corpus build's 64 s in the picker alone). The dev server and config time read it afresh, since
 * translations change under them.
 */
export function translationFiles(locale: TranslatedLocale): readonly TranslationFile[] {
  if (!import.meta.env?.PROD) return readTranslationFiles(locale);
  let files = read.get(locale);
  if (!files) read.set(locale, (files = readTranslationFiles(locale)));
  return files;
}

function readTranslationFiles(locale: TranslatedLocale): TranslationFile[] {
  const root = join(CONTENT_DIR, 'i18n', locale);
  return walk(root)
    .map((file) => {
      const rel = relative(root, file).split('\\').join('/');
      const collection = rel.split('/')[0] as Translatable;
      if (!(TRANSLATABLE as readonly string[]).includes(collection)) return undefined;
      const entryId = rel.slice(collection.length + 1, -3);
      const fm = frontmatterOf(`i18n/${locale}/${rel}`);
      return { locale, collection, entryId, route: routeOf(collection, entryId, fm), title: String(fm.title ?? entryId) };
    })
    .filter((t): t is TranslationFile => t !== undefined)
    .sort((a, b) => a.route.localeCompare(b.route));
}

/**
 * Pages that are code rather than content and have a page in the locale, with their labels from
 * site/lib/ui-strings.ts (site/pages/<locale>/…). The home page is one of them.
 */
export const PAGES_IN: Record<TranslatedLocale, readonly string[]> = {
  'zh-cn': ['/', '/compare/stopped/', '/diagnose/'],
};

/** English routes (no base, no locale) that have a page under /<locale>/: the code pages and every translation. */
export function translatedRoutes(locale: TranslatedLocale): Set<string> {
  return new Set([...PAGES_IN[locale], ...translationFiles(locale).map((t) => t.route)]);
}

/** `route` with the base path stripped, or undefined when it is not under the base. */
function underBase(pathname: string, base: string): string | undefined {
  const b = base.replace(/\/$/, '');
  if (!b) return pathname;
  return pathname === b || pathname.startsWith(`${b}/`) ? pathname.slice(b.length) || '/' : undefined;
}

/** The locale a site path belongs to and the English route it mirrors. */
export function splitLocale(pathname: string, base: string): { locale: TranslatedLocale | 'root'; route: string } | undefined {
  const path = underBase(pathname, base);
  if (path === undefined) return undefined;
  for (const locale of TRANSLATED_LOCALES) {
    if (path === `/${locale}/` || path === `/${locale}`) return { locale, route: '/' };
    if (path.startsWith(`/${locale}/`)) return { locale, route: path.slice(locale.length + 1) };
  }
  return { locale: 'root', route: path };
}

/**
 * Where a link to `route` in `locale` should go: the translation when there is one, else the English page
 * (which always exists). `hash` carries over. Paths include the base.
 */
export function localeHref(route: string, locale: TranslatedLocale | 'root', base: string, translated: ReadonlySet<string>): string {
  const b = base.replace(/\/$/, '');
  const [path, hash] = route.split('#', 2);
  const suffix = hash ? `#${hash}` : '';
  if (locale === 'root' || !translated.has(path)) return `${b}${path}${suffix}`;
  return `${b}/${locale}${path}${suffix}`;
}

/**
 * The language picker's target for `locale` from the page at `pathname`: the same page in that language
 * when it exists, else that language's home page (which lists what is translated). Never a 404.
 */
export function pickerTarget(pathname: string, locale: TranslatedLocale | 'root', base: string, translated: ReadonlySet<string>): string {
  const here = splitLocale(pathname, base);
  const b = base.replace(/\/$/, '');
  const route = here?.route ?? '/';
  if (locale === 'root') return `${b}${route}`;
  return translated.has(route) ? `${b}/${locale}${route}` : `${b}/${locale}/`;
}
