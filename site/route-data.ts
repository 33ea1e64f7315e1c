/**
 * Route middleware (Starlight's `routeMiddleware`): keeps the Chinese tree's links inside what exists.
 * Starlight prefixes every sidebar link (and the previous/next links) of a /zh-cn/ page with /zh-cn/ and adds an `hreflang` alternate for
 * every locale on every page; only some pages are translated (site/lib/i18n.ts), so a link to a page
 * without a translation goes to its English page instead (marked `hreflang="en"`), and an alternate that would
 * name a missing page is dropped.
 */
import { defineRouteMiddleware, type StarlightRouteData } from '@astrojs/starlight/route-data';
import { TRANSLATED_LOCALES, splitLocale, translatedRoutes, type TranslatedLocale } from './lib/i18n.ts';

type Entry = StarlightRouteData['sidebar'][number];

function relink(entries: Entry[], base: string, translated: ReadonlySet<string>) {
  for (const entry of entries) {
    if (entry.type === 'group') relink(entry.entries, base, translated);
    else {
      const at = splitLocale(entry.href, base);
      if (!at || at.locale === 'root' || translated.has(at.route.split('#')[0])) continue;
      entry.href = `${base.replace(/\/$/, '')}${at.route}`;
      // The link leads to an English page (hreflang); its label is English too unless the sidebar has a
      // Chinese one, and only an English label is marked as English text.
      entry.attrs = { ...entry.attrs, hreflang: 'en', ...(/[\u3400-\u9fff]/.test(entry.label) ? {} : { lang: 'en' }) };
    }
  }
}

export const onRequest = defineRouteMiddleware((context) => {
  const route = context.locals.starlightRoute;
  const base = import.meta.env.BASE_URL;
  const locale = route.locale as TranslatedLocale | undefined;
  if (locale && TRANSLATED_LOCALES.includes(locale)) {
    // Previous/next links are taken from the sidebar before this runs, as entries of their own.
    const pagination = [route.pagination.prev, route.pagination.next].filter((l) => l !== undefined);
    relink([...route.sidebar, ...pagination], base, translatedRoutes(locale));
  }
  route.head = route.head.filter((tag) => {
    if (tag.tag !== 'link' || tag.attrs?.rel !== 'alternate' || typeof tag.attrs.href !== 'string' || !tag.attrs.hreflang) return true;
    const at = splitLocale(new URL(tag.attrs.href).pathname, base);
    return !at || at.locale === 'root' || translatedRoutes(at.locale).has(at.route);
  });
});
