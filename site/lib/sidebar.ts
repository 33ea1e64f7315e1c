/**
 * The sidebar, generated from content frontmatter. Starlight can only autogenerate groups from its docs
 * collection, and our pages come from other collections, so the groups are built here at config time.
 */
import { entryIds, frontmatterOf } from './corpus-fs.ts';
import { translationFiles } from './i18n.ts';

/** `translations` are Starlight's per-language labels; on /zh-cn/ pages the Chinese one is shown. */
interface Link { label: string; link: string; translations?: Record<string, string> }
interface Group { label: string; collapsed?: boolean; translations?: Record<string, string>; items: (Link | Group)[] }

/** A label with its Simplified Chinese form. */
const zh = (label: string, chinese: string) => ({ label, translations: { 'zh-CN': chinese } });

const byOrder = (a: { order: number; label: string }, b: { order: number; label: string }) => a.order - b.order || a.label.localeCompare(b.label);

/** `chinese`: the translated title of each page that has one, shown in the Chinese sidebar. */
function pages(chinese: ReadonlyMap<string, string>, folder: string, route: (id: string) => string, filter: (fm: Record<string, unknown>) => boolean = () => true): Link[] {
  return entryIds(folder)
    .map((id) => ({ id, fm: frontmatterOf(`${folder}/${id}.md`) }))
    .filter(({ fm }) => filter(fm))
    .map(({ id, fm }) => ({ label: String(fm.title ?? id), link: route(id), order: typeof fm.order === 'number' ? fm.order : 100 }))
    .sort(byOrder)
    .map(({ label, link }) => (chinese.has(link) ? { label, link, translations: { 'zh-CN': chinese.get(link)! } } : { label, link }));
}

export function buildSidebar(): Group[] {
  const chinese = new Map(translationFiles('zh-cn').map((t) => [t.route, t.title]));
  const catalogs = (section: string) => pages(chinese, 'catalogs', (id) => `/catalogs/${id}/`, (fm) => fm.section === section);
  const references = pages(chinese, 'references', (id) => `/reference/${id}/`);
  return [
    {
      ...zh('Start here', '从这里开始'),
      items: [
        { ...zh('What this guide is', '本指南是什么'), link: '/' },
        { ...zh('Find a gotcha', '查找坑点'), link: '/gotchas/' },
        { ...zh('Paste an error or log', '粘贴报错或日志'), link: '/diagnose/' },
        ...references.slice(0, 3),
      ],
    },
    { ...zh('Platforms', '平台'), items: [...pages(chinese, 'profiles', (id) => `/profiles/${id}/`), { ...zh('Compare platforms', '平台对比'), link: '/compare/' }, { ...zh('Kept and billed after a stop', '关机后保留什么、还收什么费'), link: '/compare/stopped/' }] },
    { ...zh('Operations', '运维'), items: [...catalogs('operations'), ...references.slice(3)] },
    { ...zh('Training debug', '训练排错'), items: [{ ...zh('Start from a symptom', '从症状入手'), link: '/training/' }, ...catalogs('training')] },
    { ...zh('Platform gotchas', '各平台坑点'), collapsed: true, items: catalogs('platforms') },
    { ...zh('Scripts', '脚本'), collapsed: true, items: [{ ...zh('All templates', '全部模板'), link: '/templates/' }] },
    { ...zh('Maintaining', '维护'), collapsed: true, items: [{ ...zh('Staleness', '时效'), link: '/staleness/' }, { ...zh('Lint rules', '检查规则'), link: '/lint/' }] },
  ];
}
