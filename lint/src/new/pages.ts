/**
 * What `kb-lint new` writes: a gotcha or a profile from a skeleton that already has the right id, file name,
 * fields and sections, and that the linter refuses until every `TODO` in it has been replaced. The command's
 * arguments are read in lint/src/commands/new.ts.
 */
import { mkdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseFiles } from '../engine/run.ts';
import type { LintFile } from '../engine/types.ts';
import { corpusFiles } from '../files.ts';
import { writeAtomic } from '../fix.ts';
import { UsageError } from '../io.ts';
import { SLUG_PATTERN } from '../schema/ids.ts';
import { gotchaText, profileText } from './templates.ts';

/** Short words that add length to a file name but no meaning. */
const FILLER = new Set(['a', 'an', 'the', 'is', 'are', 'was', 'be', 'of', 'to', 'in', 'on', 'at', 'for', 'and', 'or', 'with', 'by', 'it', 'its']);

/** A few meaningful lower-case words of a title joined by hyphens, short enough for a file name. */
export function slugOfTitle(title: string, maxWords = 6, maxLength = 48): string {
  const all = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  const words = all.filter((w) => !FILLER.has(w));
  const picked: string[] = [];
  for (const w of words.length ? words : all) {
    if (picked.length === maxWords || [...picked, w].join('-').length > maxLength) break;
    picked.push(w);
  }
  return picked.length ? picked.join('-') : (all[0] ?? '').slice(0, maxLength);
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The next id for a prefix: one past the highest number any page already uses, moving on past ids that are
 * retired or taken (ids are unique across the whole corpus, not only within a catalog).
 */
export function nextFreeId(prefix: string, usedIds: Iterable<string>, retired: Iterable<string>): string {
  const pattern = new RegExp(`^${escapeRe(prefix)}(\\d+)$`);
  const used = new Set(usedIds);
  const blocked = new Set([...used, ...retired]);
  let max = 0;
  for (const id of used) {
    const m = pattern.exec(id);
    if (m) max = Math.max(max, Number(m[1]));
  }
  let n = max + 1;
  while (blocked.has(`${prefix}${n}`)) n++;
  // One high id (U999) must not use up the prefix: then the lowest number never used is taken.
  if (n > 999) for (n = 1; n <= 999 && blocked.has(`${prefix}${n}`); n++);
  if (n > 999) throw new UsageError(`No free id left for prefix \`${prefix}\` (ids have at most three digits)`);
  return `${prefix}${n}`;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

async function loadCorpus(root: string): Promise<LintFile[]> {
  return parseFiles(root, await corpusFiles(root));
}

/** Ids used by gotchas, from frontmatter and, for pages whose YAML is broken, from the file name. */
function usedGotchaIds(files: readonly LintFile[]): string[] {
  const ids: string[] = [];
  for (const f of files) {
    if (f.kind !== 'gotcha') continue;
    if (typeof f.frontmatter.data.id === 'string') ids.push(f.frontmatter.data.id);
    const m = /^([a-z]{1,6}(?:-[a-z]{1,6})?\d{1,3})(?:-|\.md$)/.exec(f.path.split('/').at(-1) ?? '');
    if (m) ids.push(m[1].toUpperCase());
  }
  return ids;
}

/** Writes a new page; never over an existing file. */
async function write(root: string, rel: string, text: string): Promise<string> {
  const abs = join(root, rel);
  if (await exists(abs)) throw new UsageError(`Refusing to overwrite \`${rel}\`, which already exists`);
  await mkdir(dirname(abs), { recursive: true });
  await writeAtomic(abs, text);
  return rel;
}

/** A gotcha skeleton under the catalog's next free id; resolves to the root-relative path written. */
export async function newGotcha(root: string, opts: { catalog?: string; title?: string; prefix?: string; month: string }): Promise<string> {
  if (!opts.catalog) throw new UsageError('Missing --catalog <catalog> for `new gotcha`');
  const title = opts.title?.trim();
  if (!title) throw new UsageError('Missing --title "<symptom-first title>" for `new gotcha`');
  if (title.length < 8) throw new UsageError(`Title \`${title}\` is too short, expected at least 8 characters that describe the symptom`);

  const files = await loadCorpus(root);
  const catalogs = new Map(files.filter((f) => f.kind === 'catalog').map((f) => [f.slug, f]));
  const catalog = catalogs.get(opts.catalog);
  if (!catalog) {
    const known = [...catalogs.keys()].sort();
    throw new UsageError(`Unknown catalog \`${opts.catalog}\`, expected one of ${known.length ? known.map((k) => `\`${k}\``).join(', ') : '(none: content/catalogs/ is empty)'}`);
  }
  const prefixes = (Array.isArray(catalog.frontmatter.data.prefixes) ? catalog.frontmatter.data.prefixes : []).filter(
    (p): p is string => typeof p === 'string' && /^[A-Z]{1,6}(?:-[A-Z]{1,6})?$/.test(p),
  );
  if (!prefixes.length) throw new UsageError(`Catalog \`${opts.catalog}\` has no usable \`prefixes\` in ${catalog.path}`);
  if (opts.prefix !== undefined && !prefixes.includes(opts.prefix)) {
    throw new UsageError(`Unknown --prefix \`${opts.prefix}\` for catalog \`${opts.catalog}\`, expected one of ${prefixes.map((p) => `\`${p}\``).join(', ')}`);
  }
  const prefix = opts.prefix ?? prefixes[0];
  const retired = Array.isArray(catalog.frontmatter.data.retired) ? catalog.frontmatter.data.retired.map(String) : [];

  const id = nextFreeId(prefix, usedGotchaIds(files), retired);
  const slug = slugOfTitle(title);
  const rel = `content/gotchas/${opts.catalog}/${id.toLowerCase()}${slug ? `-${slug}` : ''}.md`;
  // A platform catalog named after a profile most likely concerns that platform only.
  const platforms = files.some((f) => f.kind === 'profile' && f.slug === opts.catalog) ? [opts.catalog] : ['all'];
  return write(root, rel, gotchaText({ id, title, catalog: opts.catalog, platforms, month: opts.month }));
}

/** A profile skeleton named after its id; resolves to the root-relative path written. */
export async function newProfile(root: string, id: string | undefined, opts: { title?: string; month: string }): Promise<string> {
  if (!id) throw new UsageError('Missing the profile id: `new profile <id>`');
  if (!SLUG_PATTERN.test(id)) throw new UsageError(`Unexpected profile id \`${id}\`, expected kebab-case such as \`lambda\` or \`generic-ssh\``);
  const title = opts.title?.trim() || 'TODO';
  return write(root, `content/profiles/${id}.md`, profileText({ id, title, month: opts.month }));
}
