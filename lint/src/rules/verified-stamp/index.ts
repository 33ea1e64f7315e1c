import { mapping, mappings } from '../../schema/fields.ts';
import { monthsBetween, VERIFIED_PATTERN } from '../../schema/verified.ts';
import type { LintFile, Report } from '../../engine/types.ts';
import type { Position } from 'unist';
import { defineRule, type RuleContext } from '../define.ts';
import { frontmatterIssues, ownerOf } from '../validate.ts';
import { normalizeMonth } from './loose-month.ts';

/**
 * Age findings for one valid month. `at` gives the place only when there is something to report: working
 * out a frontmatter position parses the YAML a second time, and most stamps are in date.
 */
function age(month: string, where: string, at: () => Position, file: LintFile, ctx: RuleContext) {
  const { maxAge, today } = ctx.options;
  const months = monthsBetween(month, today);
  if (months >= 0 && months <= maxAge) return;
  const place = at();
  // What the finding is about, unchanged as the stamp ages: SARIF fingerprints use it (formatters/sarif.ts).
  const key = `${where}\0${month}`;
  if (months < 0) {
    ctx.report(file, { message: `Unexpected future month \`${month}\` in ${where}, expected \`${today}\` or earlier`, place, note: 'A stamp records a check that already happened.', key });
  } else if (months > maxAge * 2) {
    ctx.report(file, { message: `Stale stamp \`${month}\` in ${where}: ${months} months old, over twice the ${maxAge}-month limit`, place, note: 'Re-check the fact against its source and stamp the month you did.', key });
  } else if (months > maxAge) {
    ctx.report(file, { message: `Ageing stamp \`${month}\` in ${where}: ${months} months old, over the ${maxAge}-month limit`, place, note: 'Re-check the fact against its source and stamp the month you did.', severity: 'warning', key });
  }
}

/** A fix that rewrites the exact characters of a value when the month it means is unambiguous. */
function fixFor(file: LintFile, place: Position, raw: string, month: string | undefined): Report['fix'] {
  const start = place.start.offset;
  const end = place.end.offset;
  if (month === undefined || start === undefined || end === undefined) return undefined;
  const text = file.text.slice(start, end);
  const at = text.indexOf(raw);
  return at === -1 ? undefined : { range: [start + at, start + at + raw.length], text: month };
}

export default defineRule({
  id: 'verified-stamp',
  description: '`verified` months are valid, not in the future, and not older than --max-age; `carried_over` is well formed',
  severity: 'error',
  kinds: ['gotcha', 'profile', 'reference', 'catalog', 'translation'],
  scope: 'file',
  check(file, ctx) {
    if (!file.frontmatter.present) return;
    for (const issue of frontmatterIssues(file, ctx.index)) {
      if (ownerOf(issue.path) !== 'verified-stamp') continue;
      const raw = String(file.frontmatter.data.verified ?? '');
      const value = issue.path.length === 1 && issue.path[0] === 'verified' ? raw : undefined;
      const place = issue.report.place as Position;
      ctx.report(file, { ...issue.report, fix: value !== undefined && place?.start ? fixFor(file, place, value, normalizeMonth(value)) : undefined });
    }
    const stamps: { value: unknown; path: PropertyKey[] }[] = [{ value: file.frontmatter.data.verified, path: ['verified'] }];
    for (const { index, fields } of mappings<'verified'>(file.frontmatter.data.dangerClocks)) stamps.push({ value: fields.verified, path: ['dangerClocks', index, 'verified'] });
    for (const { value, path } of stamps) {
      if (typeof value === 'string' && VERIFIED_PATTERN.test(value)) age(value, `\`${path.join('.')}\``, () => file.frontmatter.positionOf(path), file, ctx);
    }
    // `carried_over` months are not checks and do not age, but neither can be in the future, and upstream
    // cannot have checked a fact after the version it was taken from.
    const carried = mapping<'as_of' | 'upstream_verified'>(file.frontmatter.data.carried_over);
    if (carried) {
      const { as_of: asOf, upstream_verified: upstream } = carried;
      const month = (v: unknown): v is string => typeof v === 'string' && VERIFIED_PATTERN.test(v);
      if (month(asOf) && monthsBetween(asOf, ctx.options.today) < 0) {
        ctx.report(file, { message: `Unexpected future month \`${asOf}\` in \`carried_over.as_of\`, expected \`${ctx.options.today}\` or earlier`, place: file.frontmatter.positionOf(['carried_over', 'as_of']) });
      }
      if (month(asOf) && month(upstream) && monthsBetween(upstream, asOf) < 0) {
        ctx.report(file, {
          message: `Unexpected \`carried_over.upstream_verified: ${upstream}\` after \`as_of: ${asOf}\`, expected a month no later than the version it was taken from`,
          place: file.frontmatter.positionOf(['carried_over', 'upstream_verified']),
        });
      }
    }
    for (const stamp of file.stamps) {
      if (VERIFIED_PATTERN.test(stamp.month)) {
        age(stamp.month, `the inline stamp under “${stamp.context || 'the top of the page'}”`, () => stamp.position, file, ctx);
      } else {
        const month = normalizeMonth(stamp.month);
        ctx.report(file, {
          message: `Unexpected inline stamp month \`${stamp.month}\`, expected \`YYYY-MM\``,
          place: stamp.position,
          fix: fixFor(file, stamp.position, stamp.month, month),
        });
      }
    }
  },
});
