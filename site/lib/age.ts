/**
 * Age and provenance as the site shows them: the same arithmetic as the linter's stamp rule, and the one
 * reading of `verified` / `carried_over` (lint/src/schema/provenance.ts) every page and facet uses.
 */
import { currentMonth, monthsBetween } from '../../lint/src/schema/verified.ts';
import { isPartly, provenanceOf, type Provenance } from '../../lint/src/schema/provenance.ts';
import { PROVENANCE, type ProvenanceStrings } from './ui-strings.ts';

export type AgeBand = 'fresh' | 'ageing' | 'stale';

/** The value of the gotcha browser's age facet: an age band for a checked fact, else its provenance state. */
export type AgeFacet = AgeBand | 'carried-over' | 'none';

/** The month ages are measured against: `KB_TODAY` for reproducible builds, else the build month. */
export const buildMonth = (): string => process.env.KB_TODAY ?? currentMonth();

/** The band of an age in months: fresh up to 3, ageing up to 6 (the lint default), stale beyond. */
export const bandOf = (months: number): AgeBand => (months <= 3 ? 'fresh' : months <= 6 ? 'ageing' : 'stale');

/** Months since the stamp, its band and how the site says it. */
export function ageOf(month: string, today = buildMonth(), say: ProvenanceStrings = PROVENANCE.en): { months: number; band: AgeBand; label: string } {
  const months = Math.max(0, monthsBetween(month, today));
  return { months, band: bandOf(months), label: say.ago(months) };
}

export interface ProvenanceView {
  provenance: Provenance;
  facet: AgeFacet;
  /** The badge's words: `checked 2026-12` or `carried over from upstream (2026-07)`; never "verified" for a carried-over fact. */
  label: string;
  /** The short form for a table cell: `2026-12` or `carried over`. */
  short: string;
  /** The badge's tooltip. */
  title: string;
  /** For a checked fact, how long ago (`this month`, `5 months ago`). */
  ago?: string;
}

/**
 * How a page's `verified` / `carried_over` frontmatter is shown. Pass the page's body: facts in it still marked
 * `(upstream check …)` make a checked page "partly checked", so the badge never vouches for more than was read.
 * `say` words it in the page's language (site/lib/ui-strings.ts).
 */
export function provenanceView(data: Parameters<typeof provenanceOf>[0], today = buildMonth(), body?: string, say: ProvenanceStrings = PROVENANCE.en): ProvenanceView {
  const provenance = provenanceOf(data, body);
  switch (provenance.state) {
    case 'checked': {
      const age = ageOf(provenance.month, today, say);
      const m = provenance.month;
      if (isPartly(provenance)) {
        return { provenance, facet: age.band, label: say.partly(m), short: say.partlyShort(m), ago: age.label, title: say.partlyTitle(m, provenance.unchecked, provenance.upstreamOnly) };
      }
      return { provenance, facet: age.band, label: say.checked(m), short: m, ago: age.label, title: say.checkedTitle(m) };
    }
    case 'carried-over':
      return {
        provenance,
        facet: 'carried-over',
        label: say.carriedOver(provenance.asOf),
        short: say.carriedShort,
        title: say.carriedTitle(provenance.from, provenance.asOf, provenance.upstreamVerified),
      };
    default:
      return { provenance, facet: 'none', label: say.none, short: '—', title: say.noneTitle };
  }
}
