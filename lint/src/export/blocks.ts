/**
 * Blocks generated from frontmatter that every Markdown output shares (the skill bundle, llms-full.txt): a
 * gotcha's facts and trailer, a profile's facts tables. Links are written as scheme links (`profile:x`,
 * `gotcha:U7`) and resolved by whichever output uses them, so each output decides where a link lands.
 */
import type { PhrasingContent, RootContent } from 'mdast';
import { provenanceLabel, provenanceOf, type Gotcha, type Profile, type Source } from '../schema/index.ts';
import { bulletList, code, heading, joined, link, paragraph, strong, table, text } from './markdown.ts';

/**
 * A short fact written with Markdown code spans (`nvidia-smi`) as text and inline code, the same reading the
 * site gives it (site/lib/inline.ts), rather than text whose backticks the printer would escape.
 */
export function codeSpans(fact: string): PhrasingContent[] {
  return fact
    .split(/`([^`]*)`/)
    .map((part, i) => (i % 2 ? code(part) : text(part)))
    .filter((n) => n.type === 'inlineCode' || (n as { value: string }).value !== '');
}

const yesNo = (value: boolean | null) => (value === null ? 'n/a' : value ? 'yes' : 'no');

/** The facts line of a gotcha (costs, platforms, month checked) and the words people paste, as scheme links. */
export function gotchaFacts(g: Gotcha): RootContent[] {
  const platforms = g.platforms.includes('all') ? [text('all')] : joined(g.platforms.map((p) => [link(`profile:${p}`, p)]));
  const out: RootContent[] = [paragraph([strong('Costs:'), text(` ${g.cost.join(', ')} · `), strong('Platforms:'), text(' '), ...platforms, text(' · '), strong('Provenance:'), text(` ${provenanceLabel(provenanceOf(g))}`)])];
  if (g.keywords.length) out.push(paragraph([strong('Also seen as:'), text(' '), ...joined(g.keywords.map((k) => [code(k)]))]));
  return out;
}

/** What follows a gotcha's body: principles, scripts and related entries as scheme links, then its sources. */
export function gotchaTrailer(g: Gotcha): RootContent[] {
  const links: PhrasingContent[][] = [];
  if (g.principles.length) links.push([strong('Principles:'), text(' '), ...joined(g.principles.map((n) => [link(`principle:${n}`, `#${n}`)]))]);
  if (g.scripts.length) links.push([strong('Scripts:'), text(' '), ...joined(g.scripts.map((s) => s.replace(/^scripts\//, '')).map((s) => [link(`script:${s}`, s)]))]);
  if (g.related.length) links.push([strong('Related:'), text(' '), ...joined(g.related.map((id) => [link(`gotcha:${id}`, id)]))]);
  const out: RootContent[] = links.length ? [paragraph(joined(links, ' · '))] : [];
  out.push(paragraph([strong('Sources:')]), sourceList(g.sources));
  return out;
}

/** One line for a file's provenance, e.g. `**Provenance:** checked 2026-12`. */
export function provenanceLine(data: Parameters<typeof provenanceOf>[0]): RootContent[] {
  const p = provenanceOf(data);
  return p.state === 'none' ? [] : [paragraph([strong('Provenance:'), text(` ${provenanceLabel(p)}`)])];
}

/** Sources as a list; a checked one carries its month and the passage it was checked against. */
export function sourceList(sources: readonly Pick<Source, 'title' | 'url' | 'quote' | 'checked'>[]): RootContent {
  return bulletList(
    sources.map((s) => [link(s.url, s.title), ...(s.checked ? [text(` (checked ${s.checked})`)] : []), ...(s.quote ? [text(`: “${s.quote}”`)] : [])]),
  );
}

/** A profile's frontmatter as tables: the summary, what survives, danger clocks and template variables. */
export function factsTables(p: Profile): RootContent[] {
  const row = (label: string, value: PhrasingContent[]) => [[text(label)], value];
  const out: RootContent[] = [
    heading(2, 'Facts at a glance'),
    table(
      ['Fact', 'Value'],
      [
        row('Kind', [code(p.kind)]),
        row('Stops the meter', [code(p.meter.stopVerb), text(p.meter.irreversible ? ' — irreversible: deletes data' : ' — reversible')]),
        row('A stop still bills', [text(p.meter.stopStillBills)]),
        row('Detach with', [code(p.detach.primitive), text(` (survives an instance restart: ${yesNo(p.detach.survivesRestart)})`)]),
        row('Spot / interruptible', [text(p.spot.available ? `yes — grace ${p.spot.grace}, signal: ${p.spot.signal}` : 'no')]),
        row('Shared filesystem', [text(p.sharedFs ?? 'none')]),
        row('Inode cap', [text(p.inodeCap)]),
        row('Free egress', [text(yesNo(p.freeEgress))]),
        row('Needs China mirrors', [text(yesNo(p.chinaMirror))]),
        row('Driver and CUDA', codeSpans(`${p.driver.stack}; read it with: ${p.driver.check}`)),
        row('Provenance', [text(provenanceLabel(provenanceOf(p)))]),
      ],
    ),
    heading(3, 'What survives'),
    table(
      ['Tier', 'Path', 'Survives stop', 'Survives destroy', 'Bills while stopped', 'Cap', 'Note'],
      p.storage.map((t) => [
        [text(t.tier), ...(t.durable ? [text(' '), strong('(checkpoint here)')] : [])],
        [code(t.path)],
        [text(yesNo(t.survivesStop))],
        [text(yesNo(t.survivesDestroy))],
        [text(t.billsWhileStopped === undefined ? 'not recorded' : yesNo(t.billsWhileStopped))],
        [text(t.cap ?? '—')],
        [text(t.note ?? '')],
      ]),
    ),
  ];
  if (p.dangerClocks.length) {
    out.push(
      heading(3, 'Danger clocks'),
      table(
        ['What happens', 'Starts when', 'After', 'Provenance'],
        p.dangerClocks.map((c) => [[text(c.what)], [text(c.trigger)], [text(c.after ?? 'on the event')], [text(provenanceLabel(c.verified ? { state: 'checked', month: c.verified } : provenanceOf(p)))]]),
      ),
    );
  }
  // Variants (a family profile's members) only list what differs; the table shows each variant's value
  // beside the main one so a reader of one member sees every value that applies to it.
  const variants: [string, Partial<Record<string, string>>][] = Object.entries(p.overrideVariants);
  const value = (v: string | undefined): PhrasingContent[] => [text(v === undefined ? 'same' : v === '' ? '(unset)' : v)];
  out.push(
    heading(3, 'Template variables'),
    table(
      ['Variable', variants.length ? 'Main value' : 'Value on this platform', ...variants.map(([name]) => name)],
      Object.entries(p.overrides).map(([k, v]) => [[code(k)], value(v), ...variants.map(([, values]) => value(values[k]))]),
    ),
  );
  return out;
}
