/**
 * The llms.txt index of one language edition: `/llms.txt` (English) and `/<locale>/llms.txt`. Both list the
 * same pages in the same sections; an edition lists each page it has an up-to-date translation of under the
 * translation's title, description and URL, and every other page (a translation that is behind included) as
 * the English page. Entries come from the collections, so a new page appears in every edition.
 */
import { getCollection } from 'astro:content';
import { allGotchas, byOrder } from './collections.ts';
import { translationFiles, type TranslatedLocale } from './i18n.ts';
import { translationState, type Translates } from './translation-state.ts';
import { allTemplates } from './templates.ts';
import { SECTIONS } from '../../lint/src/schema/index.ts';
import type { Gotcha } from '../../lint/src/schema/gotcha.ts';
import type { Profile } from '../../lint/src/schema/profile.ts';
import type { Reference } from '../../lint/src/schema/reference.ts';
import { catalogPath, gotchaPath, profilePath, referencePath, templatePath } from '../../lint/src/markdown/links.ts';
import { GUIDE_SUMMARY, renderLlmsIndex, siteUrls, type IndexLink } from './llms.ts';

/** A translated page as the index lists it. */
interface LocalPage {
  title: string;
  description?: string;
}

/** The words of an edition's index that are not page titles. */
interface IndexWords {
  title: string;
  summary: string;
  details: (n: { gotchas: number; catalogs: number; profiles: number }) => string;
  headings: { reference: string; profiles: string; catalogs: string; compare: string; templates: string; machine: string };
  /** A translated gotcha's line after its title (an English one keeps the English line). */
  gotchaLine?: (catalogTitle: string, costs: readonly string[]) => string;
  /** Links added at the end of the machine-readable section (the other editions). */
  machineExtra?: (url: (path: string) => string) => IndexLink[];
}

const ENGLISH: IndexWords = {
  title: 'Remote GPU Field Guide',
  summary: GUIDE_SUMMARY,
  details: ({ gotchas, catalogs, profiles }) =>
    `${gotchas} gotchas in ${catalogs} catalogs and ${profiles} platform profiles. Gotcha ids (U6, RP3, MN2) are stable and safe to cite. ` +
    'Internal links in the full text point at pages of this site; each page says whether its facts were checked against a quoted source (and in which month) or carried over, unchecked, from the knowledge base the guide grew from.',
  headings: { reference: 'Reference', profiles: 'Platform profiles', catalogs: 'Catalogs', compare: 'Compare and find', templates: 'Script templates', machine: 'Machine-readable' },
};

const COST_ZH: Record<string, string> = { money: '费用', data: '数据', time: '时间' };

/** The Chinese edition's own words. Page titles of untranslated pages stay English, as those pages are. */
const WORDS: Record<TranslatedLocale, IndexWords> = {
  'zh-cn': {
    title: '远程 GPU 实用指南',
    summary:
      '在按小时租用或自己拥有的 GPU 上训练模型的实用指南：各平台计费与存储的事实；长时间训练的故障模式，按“症状 → 根因 → 解决”写成，附来源和核对月份；以及放到机器上就能用的 shell 脚本模板。',
    details: ({ gotchas, catalogs, profiles }) =>
      `共 ${gotchas} 个坑点，分属 ${catalogs} 个目录，另有 ${profiles} 份平台档案。坑点 ID（U6、RP3、MN2）固定不变，可放心引用。` +
      '这是中文版索引：有中文译文、且译文与英文原文同步的页面，以中文标题和 /zh-cn/ 下的链接列出；其余页面（包括译文落后于原文的页面）以英文标题和英文页面链接列出。' +
      'llms-full.txt 和 JSON 文件只有英文版。每一页都写明其中的事实是对照引用的来源核对过的（注明月份），还是未经核对、从本指南起源的知识库沿用而来的。',
    headings: { reference: '参考', profiles: '平台档案', catalogs: '坑点目录', compare: '对比与查找', templates: '脚本模板', machine: '机器可读' },
    gotchaLine: (catalogTitle, costs) => `${catalogTitle}；代价：${costs.map((c) => COST_ZH[c] ?? c).join('、')}`,
    machineExtra: (url) => [{ title: 'llms.txt (English)', url: url('/llms.txt'), description: '本索引的英文版，所有页面都以英文列出' }],
  },
};

/** English route → the edition's up-to-date translation of it. Translations that are behind are left out. */
async function currentTranslations(locale: TranslatedLocale): Promise<Map<string, LocalPage>> {
  // The translation collections are per locale (content.config.ts: zhGotchas, zhProfiles, zhReferences); a
  // second locale would add its own here.
  const pages = new Map<string, LocalPage>();
  const present = new Set(translationFiles(locale).map((t) => t.collection));
  // A collection with no translation is not asked for (Astro warns on an empty collection), as in the routes.
  // The translation collections' data is typed loosely (the schema is built per collection at run time):
  // each is the original's schema plus `translates`.
  const add = <D>(entries: { id: string; data: unknown }[], listed: (id: string, data: D) => [route: string, page: LocalPage]) => {
    for (const e of entries) {
      const data = e.data as D & { translates: Translates };
      if (translationState(data.translates) === 'current') pages.set(...listed(e.id, data));
    }
  };
  if (present.has('gotchas')) add<Gotcha>(await getCollection('zhGotchas', (g) => !g.data.draft), (_, g) => [gotchaPath(g.id), { title: g.title }]);
  if (present.has('profiles')) add<Profile>(await getCollection('zhProfiles'), (id, p) => [profilePath(id), { title: p.title, description: p.description }]);
  if (present.has('references')) add<Reference>(await getCollection('zhReferences'), (id, r) => [referencePath(id), { title: r.title, description: r.description }]);
  return pages;
}

/** The llms.txt of `locale` (`root` is English) for a site at `site` under `base`. */
export async function llmsIndexText(locale: TranslatedLocale | 'root', site: URL | undefined, base: string): Promise<string> {
  const url = siteUrls(site, base);
  const words = locale === 'root' ? ENGLISH : WORDS[locale];
  const local = locale === 'root' ? new Map<string, LocalPage>() : await currentTranslations(locale);
  /** A page of the index: the translation when the edition has it up to date, else the English page. */
  const entry = (route: string, english: { title: string; description?: string }): IndexLink => {
    const page = local.get(route);
    return page ? { title: page.title, url: url(`/${locale}${route}`), description: page.description ?? english.description } : { ...english, url: url(route) };
  };

  const gotchas = await allGotchas();
  const references = (await getCollection('references')).sort(byOrder);
  const profiles = (await getCollection('profiles')).sort(byOrder);
  // Sidebar order: by section (operations, platforms, training), then the catalog's order.
  const catalogs = (await getCollection('catalogs')).sort((a, b) => SECTIONS.indexOf(a.data.section) - SECTIONS.indexOf(b.data.section) || byOrder(a, b));
  const catalogTitle = new Map(catalogs.map((c) => [c.id, c.data.title]));
  const count = (id: string) => gotchas.filter((g) => g.data.catalog === id).length;

  return renderLlmsIndex({
    title: words.title,
    summary: words.summary,
    details: [words.details({ gotchas: gotchas.length, catalogs: catalogs.length, profiles: profiles.length })],
    sections: [
      { heading: words.headings.reference, links: references.map((r) => entry(referencePath(r.id), { title: r.data.title, description: r.data.description })) },
      { heading: words.headings.profiles, links: profiles.map((p) => entry(profilePath(p.id), { title: p.data.title, description: p.data.description })) },
      {
        heading: words.headings.catalogs,
        links: catalogs.map((c) => ({ title: c.data.title, url: url(catalogPath(c.id)), description: `${c.data.description} (${count(c.id)} entries)` })),
      },
      {
        heading: words.headings.compare,
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
        heading: words.headings.templates,
        links: allTemplates().map((t) => ({ title: `\`${t.file}\``, url: url(templatePath(t.file)), description: `${t.meta.title}: ${t.meta.purpose}` })),
      },
      {
        heading: words.headings.machine,
        links: [
          { title: 'llms-full.txt', url: url('/llms-full.txt'), description: 'every page of the guide as Markdown in one file' },
          { title: 'gotchas.json', url: url('/gotchas.json'), description: 'the frontmatter facts of every gotcha with its page URL' },
          { title: 'profiles.json', url: url('/profiles.json'), description: 'the frontmatter facts of every platform profile with its page URL' },
          ...(words.machineExtra?.(url) ?? []),
        ],
      },
      {
        // The llms.txt format gives `Optional` a meaning (links a reader with little context may skip), so the
        // heading stays that word in every edition.
        heading: 'Optional',
        links: gotchas.map((g) => {
          const catalog = catalogTitle.get(g.data.catalog) ?? g.data.catalog;
          const english = { title: `${g.data.id} — ${g.data.title}`, description: `${catalog}; costs ${g.data.cost.join(', ')}` };
          const page = local.get(gotchaPath(g.data.id));
          if (!page) return entry(gotchaPath(g.data.id), english);
          return { title: `${g.data.id} — ${page.title}`, url: url(`/${locale}${gotchaPath(g.data.id)}`), description: words.gotchaLine?.(catalog, g.data.cost) ?? english.description };
        }),
      },
    ],
  });
}
