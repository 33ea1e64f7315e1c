/**
 * Two renderings of the report: Markdown meant to be pasted (or posted by the workflow) as a GitHub issue
 * body, and JSON whose key order and entry order never change between runs, so diffs stay small. Both say
 * how many pages are checked and how many carried over, forecast which checked stamps fall due, and group
 * the facts by the source domain they must be re-checked at (one vendor page often backs many facts).
 */
import { domainOf, dueIn, isStale, type CarriedEntry, type ProvenanceCounts, type StaleEntry } from './collect.ts';
import { tableCell } from '../table-cell.ts';

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

/** What the report covers beside the stamps: carried-over pages and the page counts by state. */
export interface ProvenanceInput {
  carried: readonly CarriedEntry[];
  counts: ProvenanceCounts;
}

const NO_PROVENANCE: ProvenanceInput = { carried: [], counts: { checked: 0, unquoted: 0, carriedOver: 0, none: 0 } };

/** How far ahead the forecast looks, in months. */
export const FORECAST_MONTHS = 3;

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

export interface Forecast {
  /** Past the limit now. */
  dueNow: number;
  /** Past it next month (not yet now). */
  dueNextMonth: number;
  /** Past it in two or three months. */
  dueIn2To3Months: number;
}

/** How many stamps fall due now, next month and in the two months after: the work ahead, month by month. */
export function forecast(entries: readonly StaleEntry[], maxAge: number): Forecast {
  const due = entries.map((e) => dueIn(e, maxAge));
  return {
    dueNow: due.filter((d) => d === 0).length,
    dueNextMonth: due.filter((d) => d === 1).length,
    dueIn2To3Months: due.filter((d) => d >= 2 && d <= FORECAST_MONTHS).length,
  };
}

export interface DomainGroup {
  domain: string;
  /** Stamps citing this domain, and how many of them are due within the forecast. */
  stamps: number;
  due: number;
  /** Carried-over pages citing it, and how many of those are about money or data. */
  carriedOver: number;
  carriedMoneyData: number;
}

/** Every source domain with what rests on it, the most work first. */
export function domainGroups(entries: readonly StaleEntry[], carried: readonly CarriedEntry[], maxAge: number): DomainGroup[] {
  const groups = new Map<string, DomainGroup>();
  const group = (domain: string) => {
    let g = groups.get(domain);
    if (!g) groups.set(domain, (g = { domain, stamps: 0, due: 0, carriedOver: 0, carriedMoneyData: 0 }));
    return g;
  };
  for (const e of entries) {
    for (const domain of new Set(e.sources.map(domainOf))) {
      const g = group(domain);
      g.stamps++;
      if (dueIn(e, maxAge) <= FORECAST_MONTHS) g.due++;
    }
  }
  for (const c of carried) {
    for (const domain of new Set(c.sources.map(domainOf))) {
      const g = group(domain);
      g.carriedOver++;
      if (c.risk === 'money-data') g.carriedMoneyData++;
    }
  }
  return [...groups.values()].sort((a, b) => b.due - a.due || b.carriedMoneyData - a.carriedMoneyData || b.carriedOver + b.stamps - (a.carriedOver + a.stamps) || a.domain.localeCompare(b.domain));
}

/** Long facts are cut to keep the issue readable. */
const cell = (text: string, max = 110) => tableCell(text, { max });

/** A Markdown link whose text and target cannot break the table or the link. */
const mdLink = (label: string, url: string) => `[${cell(label, 200).replace(/[[\]]/g, '\\$&')}](${encodeURI(decodeURI(url)).replace(/\)/g, '%29')})`;

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

/** The provenance and forecast lines under the summary. */
export function provenanceSummary(entries: readonly StaleEntry[], prov: ProvenanceInput, opts: StaleReportOptions): string[] {
  const f = forecast(entries, opts.maxAge);
  const { checked, unquoted: unquotedPages, carriedOver, none } = prov.counts;
  const carriedMoney = prov.carried.filter((c) => c.risk === 'money-data').length;
  const unquoted = entries.filter((e) => !e.quoted).length;
  return [
    `Pages: ${checked} checked against a quoted source${unquotedPages ? ` (and ${unquotedPages} stamped without one)` : ''}, ${carriedOver} carried over and not checked here (${carriedMoney} of them about money or data)${none ? `, ${none} stating no provenance` : ''}.`,
    `Forecast: ${f.dueNow} ${f.dueNow === 1 ? 'stamp is' : 'stamps are'} due now, ${f.dueNextMonth} next month, ${f.dueIn2To3Months} in two to three months.${unquoted ? ` ${plural(unquoted, 'stamp')} ${unquoted === 1 ? 'has' : 'have'} no quoted source checked that month.` : ''}`,
  ];
}

const dueLabel = (e: StaleEntry, maxAge: number) => {
  const d = dueIn(e, maxAge);
  return d === 0 ? `**now** (${e.age} mo)` : d === 1 ? 'next month' : `in ${d} mo`;
};

function stampRow(e: StaleEntry, urls: string[], opts: StaleReportOptions): string {
  const risk = e.risk === 'money-data' ? '**money/data**' : 'other';
  const where = `${e.file}#L${e.line}`;
  const label = `${e.file.split('/').at(-1)}:${e.line}`;
  const platforms = e.platforms.includes('all') ? '' : ` _(${e.platforms.join(', ')})_`;
  return `| ${risk} | ${dueLabel(e, opts.maxAge)} | ${e.month} | ${SOURCE_LABEL[e.source]} | ${cell(e.fact)}${platforms} | ${urls.join(', ')} | [${cell(label, 200)}](${opts.linkBase ?? ''}${encodeURI(where)}) |`;
}

const STAMP_HEAD = ['| Risk | Due | Checked | Kind | Fact | Re-check at | Where |', '| --- | --- | --- | --- | --- | --- | --- |'];

/** A link per URL, labelled by the last part of its path (or the domain for a bare host). */
const urlLinks = (urls: readonly string[], max = Infinity) => {
  const links = urls.slice(0, max).map((u) => mdLink((URL.canParse(u) && new URL(u).pathname.replace(/\/$/, '').split('/').at(-1)) || domainOf(u), u));
  return urls.length > max ? [...links, `+${urls.length - max} more`] : links;
};

/**
 * Quoted stamps under the domain of the source they were checked against (a stamp citing two domains shows
 * under both). Stamps without a quoted source cannot say which source backs them, so they get one table of
 * their own, each row with the page's sources.
 */
function stampTables(lines: string[], shown: readonly StaleEntry[], opts: StaleReportOptions) {
  const byDomain = new Map<string, StaleEntry[]>();
  for (const e of shown.filter((x) => x.quoted)) for (const d of new Set(e.sources.map(domainOf))) byDomain.set(d, [...(byDomain.get(d) ?? []), e]);
  const stale = (d: string) => (byDomain.get(d) ?? []).filter((e) => isStale(e, opts.maxAge)).length;
  for (const domain of [...byDomain.keys()].sort((a, b) => stale(b) - stale(a) || a.localeCompare(b))) {
    // Entries arrive sorted (money/data, then oldest); a stable filter keeps that order inside each group.
    const rows = byDomain.get(domain) ?? [];
    lines.push(`### \`${domain}\` (${stale(domain)} stale of ${rows.length} listed)`, '', ...STAMP_HEAD);
    for (const e of rows) lines.push(stampRow(e, urlLinks(e.sources.filter((u) => domainOf(u) === domain)), opts));
    lines.push('');
  }
  const unquoted = shown.filter((e) => !e.quoted);
  if (unquoted.length) {
    const staleHere = unquoted.filter((e) => isStale(e, opts.maxAge)).length;
    lines.push(
      `### Stamps with no quoted source (${staleHere} stale of ${unquoted.length} listed)`,
      '',
      'Nothing records which source these were checked against: find the passage among the page\'s sources and quote it, or drop the stamp.',
      '',
      ...STAMP_HEAD,
    );
    for (const e of unquoted) lines.push(stampRow(e, urlLinks(e.sources, 3), opts));
    lines.push('');
  }
}

/** How many domains the carried-over table lists before it sums up the rest. */
const CARRIED_DOMAINS = 30;

function carriedTables(lines: string[], prov: ProvenanceInput, entries: readonly StaleEntry[], opts: StaleReportOptions) {
  if (!prov.carried.length) return;
  lines.push(
    `## Carried over, not checked here (${prov.carried.length} pages)`,
    '',
    'These pages took their facts from another knowledge base and show a neutral "carried over" badge. Checking one means',
    'quoting the passage that says each fact (see docs/AUTHORING.md). The domains with the most money and data facts come first.',
    '',
    '| Source domain | Carried-over pages | About money or data | Checked stamps citing it |',
    '| --- | ---: | ---: | ---: |',
  );
  const groups = domainGroups(entries, prov.carried, opts.maxAge)
    .filter((g) => g.carriedOver > 0)
    .sort((a, b) => b.carriedMoneyData - a.carriedMoneyData || b.carriedOver - a.carriedOver || a.domain.localeCompare(b.domain));
  for (const g of groups.slice(0, CARRIED_DOMAINS)) lines.push(`| \`${g.domain}\` | ${g.carriedOver} | ${g.carriedMoneyData} | ${g.stamps} |`);
  if (groups.length > CARRIED_DOMAINS) {
    const rest = groups.slice(CARRIED_DOMAINS);
    lines.push(`| ${plural(rest.length, 'other domain')} | ${rest.reduce((n, g) => n + g.carriedOver, 0)} | ${rest.reduce((n, g) => n + g.carriedMoneyData, 0)} | ${rest.reduce((n, g) => n + g.stamps, 0)} |`);
  }
  const noSource = prov.carried.filter((c) => c.sources.length === 0).length;
  if (noSource) lines.push('', `${plural(noSource, 'page')} cite only the upstream knowledge base: find a first-hand source for them.`);
  const risky = prov.carried.filter((c) => c.risk === 'money-data');
  if (risky.length) {
    lines.push('', `### Money and data facts to check first (${risky.length})`, '', '| Fact | Check at | Upstream said | Where |', '| --- | --- | --- | --- |');
    for (const c of risky) {
      const where = `${c.file}#L${c.line}`;
      const label = `${c.file.split('/').at(-1)}:${c.line}`;
      const urls = urlLinks(c.sources, 3).join(', ') || '_no first-hand source_';
      lines.push(`| ${cell(c.fact)} | ${urls} | ${c.upstreamVerified ?? '—'} | [${cell(label, 200)}](${opts.linkBase ?? ''}${encodeURI(where)}) |`);
    }
  }
  lines.push('');
}

export function formatStaleMarkdown(entries: readonly StaleEntry[], opts: StaleReportOptions, prov: ProvenanceInput = NO_PROVENANCE): string {
  const c = count(entries, opts.maxAge);
  // The stamp tables list what is due within the forecast (or everything without --only-stale).
  const shown = opts.onlyStale ? entries.filter((e) => isStale(e, opts.maxAge)) : [...entries];
  const lines: string[] = [`# Provenance and freshness of facts, ${opts.today}`, '', `**${staleSummary(entries, opts)}**`, ''];
  lines.push(...provenanceSummary(entries, prov, opts), '');
  if (c.oldest && c.stale > 0) lines.push(`Oldest stamp: \`${c.oldest.month}\` (${plural(c.oldest.age, 'month')}) in \`${c.oldest.file}\`.`, '');
  lines.push(
    '## Checked stamps, by the source to re-check them at',
    '',
    'Each row is a fact whose last check is older than the limit (or, without `--only-stale`, any stamped fact), under the domain of',
    'the source it was checked against. To clear a row, open that source, correct the fact if it changed, copy the passage into the',
    "source's `quote:` and write the month you did that check. Changing the month without checking the source is not allowed: a",
    'stamp says someone looked.',
    '',
  );
  if (shown.length === 0) lines.push('_No rows to show._', '');
  else stampTables(lines, shown, opts);
  carriedTables(lines, prov, entries, opts);
  return lines.join('\n');
}

export function formatStaleJson(entries: readonly StaleEntry[], opts: StaleReportOptions, prov: ProvenanceInput = NO_PROVENANCE): string {
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
      quoted: e.quoted,
      dueIn: dueIn(e, opts.maxAge),
      sources: [...e.sources],
    })),
    provenance: { ...prov.counts },
    forecast: forecast(entries, opts.maxAge),
    carriedOver: prov.carried.map((x) => ({
      file: x.file,
      line: x.line,
      column: x.column,
      fact: x.fact,
      from: x.from,
      asOf: x.asOf,
      upstreamVerified: x.upstreamVerified ?? null,
      risk: x.risk,
      platforms: [...x.platforms],
      sources: [...x.sources],
    })),
    domains: domainGroups(entries, prov.carried, opts.maxAge),
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}
