/**
 * Age and provenance as the site shows them: the same arithmetic as the linter's stamp rule, and the one
 * reading of `verified` / `carried_over` (lint/src/schema/provenance.ts) every page and facet uses.
 */
import { currentMonth, monthsBetween } from '../../lint/src/schema/verified.ts';
import { isPartly, provenanceOf, type Provenance } from '../../lint/src/schema/provenance.ts';

export type AgeBand = 'fresh' | 'ageing' | 'stale';

/** The value of the gotcha browser's age facet: an age band for a checked fact, else its provenance state. */
export type AgeFacet = AgeBand | 'carried-over' | 'none';

/** The month ages are measured against: `KB_TODAY` for reproducible builds, else the build month. */
export const buildMonth = (): string => process.env.KB_TODAY ?? currentMonth();

/** The band of an age in months: fresh up to 3, ageing up to 6 (the lint default), stale beyond. */
export const bandOf = (months: number): AgeBand => (months <= 3 ? 'fresh' : months <= 6 ? 'ageing' : 'stale');

/** Months since the stamp, its band and how the site says it. */
export function ageOf(month: string, today = buildMonth()): { months: number; band: AgeBand; label: string } {
  const months = Math.max(0, monthsBetween(month, today));
  const band = bandOf(months);
  const label = months === 0 ? 'this month' : months === 1 ? '1 month ago' : `${months} months ago`;
  return { months, band, label };
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
 */
export function provenanceView(data: Parameters<typeof provenanceOf>[0], today = buildMonth(), body?: string): ProvenanceView {
  const provenance = provenanceOf(data, body);
  switch (provenance.state) {
    case 'checked': {
      const age = ageOf(provenance.month, today);
      if (isPartly(provenance)) {
        const gaps = [
          provenance.unchecked ? `not checked: ${provenance.unchecked}` : '',
          provenance.upstreamOnly ? `${provenance.upstreamOnly} fact(s) still marked only with the upstream's check` : '',
        ].filter(Boolean).join('; ');
        return { provenance, facet: age.band, label: `partly checked ${provenance.month}`, short: `${provenance.month}, partly`, ago: age.label, title: `Some facts compared with a quoted source in ${provenance.month}; ${gaps}` };
      }
      return { provenance, facet: age.band, label: `checked ${provenance.month}`, short: provenance.month, ago: age.label, title: `Compared with a quoted source in ${provenance.month}` };
    }
    case 'carried-over': {
      const upstream = provenance.upstreamVerified ? `; upstream said it checked them in ${provenance.upstreamVerified}` : '';
      return {
        provenance,
        facet: 'carried-over',
        label: `carried over from upstream (${provenance.asOf})`,
        short: 'carried over',
        title: `Taken from ${provenance.from} as of ${provenance.asOf} and not yet checked here${upstream}`,
      };
    }
    default:
      return { provenance, facet: 'none', label: 'no provenance', short: '—', title: 'This page states no provenance' };
  }
}
