/**
 * Two renderings of the stamp list: Markdown meant to be pasted (or posted by the workflow) as a GitHub issue
 * body, and JSON whose key order and entry order never change between runs, so diffs stay small.
 */
import { isStale, type StaleEntry } from './collect.ts';

export interface StaleReportOptions {
  /** Months after which a stamp counts as stale. */
  maxAge: number;
  /** Reference month, `YYYY-MM`. */
  today: string;
  /** List only stale entries (the counts still cover every stamp). */
  onlyStale?: boolean;
  /** Prefix for links, e.g. `https://github.com/o/r/blob/<sha>/`; links stay repo-relative without it. */
  linkBase?: string;
}

interface Counts {
  total: number;
  stale: number;
  staleMoneyData: number;
  staleOther: number;
  oldest?: StaleEntry;
}

function count(entries: readonly StaleEntry[], maxAge: number): Counts {
  const stale = entries.filter((e) => isStale(e, maxAge));
  const moneyData = stale.filter((e) => e.risk === 'money-data').length;
  const oldest = entries.reduce<StaleEntry | undefined>((best, e) => (best === undefined || e.age > best.age ? e : best), undefined);
  return { total: entries.length, stale: stale.length, staleMoneyData: moneyData, staleOther: stale.length - moneyData, oldest };
}

/** Group keys in display order: cross-platform facts first, then platforms alphabetically. */
function platformOrder(a: string, b: string): number {
  if (a === b) return 0;
  if (a === 'all') return -1;
  if (b === 'all') return 1;
  return a.localeCompare(b);
}

/** Table cells cannot hold pipes or line breaks; long facts are cut to keep the issue readable. */
function cell(text: string, max = 110): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const cut = flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
  return cut.replace(/\\/g, '\\\\').replace(/\|/g, '\\|');
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

const SOURCE_LABEL: Record<StaleEntry['source'], string> = {
  frontmatter: 'page',
  'danger-clock': 'danger clock',
  inline: 'inline',
};

/** The summary sentence; the workflow and a reader both look at this line first. */
export function staleSummary(entries: readonly StaleEntry[], opts: StaleReportOptions): string {
  const c = count(entries, opts.maxAge);
  if (c.stale === 0) {
    return `Nothing stale: all ${plural(c.total, 'stamp')} were checked within the last ${plural(opts.maxAge, 'month')} (as of ${opts.today}).`;
  }
  return `${c.stale} of ${plural(c.total, 'stamp')} are older than ${plural(opts.maxAge, 'month')} (as of ${opts.today}): ${c.staleMoneyData} about money or data, ${c.staleOther} other.`;
}

export function formatStaleMarkdown(entries: readonly StaleEntry[], opts: StaleReportOptions): string {
  const c = count(entries, opts.maxAge);
  const shown = opts.onlyStale ? entries.filter((e) => isStale(e, opts.maxAge)) : [...entries];
  const lines: string[] = [`# Freshness of \`verified\` stamps, ${opts.today}`, '', `**${staleSummary(entries, opts)}**`, ''];
  if (c.oldest && c.stale > 0) lines.push(`Oldest stamp: \`${c.oldest.month}\` (${plural(c.oldest.age, 'month')}) in \`${c.oldest.file}\`.`, '');
  lines.push(
    'Each row is a fact whose last check is older than the limit (or, without `--only-stale`, any stamped fact). To clear a row, open the',
    'cited source, correct the fact if it changed, and write the month you did that check. Changing the month without checking the',
    'source is not allowed: a stamp says someone looked.',
    '',
  );
  if (shown.length === 0) {
    lines.push('_No rows to show._', '');
    return lines.join('\n');
  }

  const groups = new Map<string, StaleEntry[]>();
  for (const entry of shown) for (const p of entry.platforms) groups.set(p, [...(groups.get(p) ?? []), entry]);
  for (const platform of [...groups.keys()].sort(platformOrder)) {
    // Entries arrive sorted (money/data, then oldest); a stable filter keeps that order inside each group.
    const rows = groups.get(platform) ?? [];
    const staleHere = rows.filter((e) => isStale(e, opts.maxAge)).length;
    lines.push(`## ${platform === 'all' ? 'All platforms' : `\`${platform}\``} (${staleHere} stale of ${rows.length} listed)`, '');
    lines.push('| Risk | Age | Month | Kind | Fact | Where |', '| --- | ---: | --- | --- | --- | --- |');
    for (const e of rows) {
      const risk = e.risk === 'money-data' ? '**money/data**' : 'other';
      const age = isStale(e, opts.maxAge) ? `**${e.age} mo**` : `${e.age} mo`;
      const where = `${e.file}#L${e.line}`;
      const label = `${e.file.split('/').at(-1)}:${e.line}`;
      const also = e.platforms.length > 1 ? ` _(also ${e.platforms.filter((p) => p !== platform).join(', ')})_` : '';
      lines.push(`| ${risk} | ${age} | ${e.month} | ${SOURCE_LABEL[e.source]} | ${cell(e.fact)}${also} | [${cell(label, 200)}](${opts.linkBase ?? ''}${encodeURI(where)}) |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

export function formatStaleJson(entries: readonly StaleEntry[], opts: StaleReportOptions): string {
  const c = count(entries, opts.maxAge);
  const shown = opts.onlyStale ? entries.filter((e) => isStale(e, opts.maxAge)) : entries;
  const body = {
    today: opts.today,
    maxAge: opts.maxAge,
    total: c.total,
    stale: c.stale,
    staleMoneyData: c.staleMoneyData,
    staleOther: c.staleOther,
    entries: shown.map((e) => ({
      file: e.file,
      line: e.line,
      column: e.column,
      source: e.source,
      fact: e.fact,
      month: e.month,
      age: e.age,
      stale: isStale(e, opts.maxAge),
      risk: e.risk,
      platforms: [...e.platforms],
    })),
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}
