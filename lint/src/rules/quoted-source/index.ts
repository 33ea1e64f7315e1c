import type { LintFile } from '../../engine/types.ts';
import { mappings } from '../../schema/fields.ts';
import { monthsBetween, VERIFIED_PATTERN } from '../../schema/verified.ts';
import { defineRule, type RuleContext } from '../define.ts';

type SourceLike = { index: number; fields: { readonly quote?: unknown; readonly checked?: unknown } };

const isMonth = (v: unknown): v is string => typeof v === 'string' && VERIFIED_PATTERN.test(v);
const has = (v: unknown) => v !== undefined && v !== null && v !== '';

/** The months in which some source was compared with its quoted passage. */
export function quotedMonths(sources: unknown): Set<string> {
  const months = new Set<string>();
  for (const { fields: s } of mappings<'quote' | 'checked'>(sources)) if (typeof s.quote === 'string' && s.quote.trim() && isMonth(s.checked)) months.add(s.checked);
  return months;
}

function checkSources(file: LintFile, ctx: RuleContext, sources: SourceLike[], verified: unknown, carried: boolean) {
  const { today } = ctx.options;
  for (const { index: i, fields: s } of sources) {
    const at = (key: string) => file.frontmatter.positionOf(['sources', i, key]);
    if (has(s.quote) && !has(s.checked)) {
      ctx.report(file, {
        message: `Unexpected \`quote\` without \`checked\` in \`sources.${i}\`, expected the month you compared the claim with it`,
        place: at('quote'),
        note: 'Add `checked: YYYY-MM` under the quote: the month you read the passage and compared it with the fact.',
      });
    }
    if (has(s.checked) && !has(s.quote)) {
      ctx.report(file, {
        message: `Unexpected \`checked\` without \`quote\` in \`sources.${i}\`, expected the passage the fact was compared with`,
        place: at('checked'),
        note: 'A check is only as good as the passage it rests on: copy the one or two sentences that say the fact into `quote:`.',
      });
    }
    if (!isMonth(s.checked)) continue;
    if (monthsBetween(s.checked, today) < 0) {
      ctx.report(file, { message: `Unexpected future month \`${s.checked}\` in \`sources.${i}.checked\`, expected \`${today}\` or earlier`, place: at('checked'), note: 'A check records a comparison that already happened.' });
    } else if (isMonth(verified) && monthsBetween(s.checked, verified) < 0) {
      ctx.report(file, {
        message: `Unexpected \`checked: ${s.checked}\` after \`verified: ${verified}\`, expected the stamp to be the latest check`,
        place: at('checked'),
        note: `Set \`verified: ${s.checked}\` if every fact on the page was checked then.`,
        severity: 'warning',
      });
    } else if (carried && has(s.quote)) {
      ctx.report(file, {
        message: `Unexpected checked source in a carried-over file, expected \`verified: ${s.checked}\` in place of \`carried_over\` once every fact is checked`,
        place: at('checked'),
        note: 'The page still shows as carried over; replace `carried_over` with `verified` when the last fact on it is checked.',
        severity: 'warning',
      });
    }
  }
}

export default defineRule({
  id: 'quoted-source',
  description: 'a `verified` stamp rests on a source with a `quote` checked that month; `quote` and `checked` come together',
  severity: 'error',
  kinds: ['gotcha', 'profile', 'reference'],
  scope: 'file',
  check(file, ctx) {
    if (!file.frontmatter.present) return;
    const data = file.frontmatter.data;
    const sources: SourceLike[] = mappings<'quote' | 'checked'>(data.sources);
    checkSources(file, ctx, sources, data.verified, data.carried_over !== undefined && data.carried_over !== null);
    const quoted = quotedMonths(data.sources);
    const need = (month: unknown, path: PropertyKey[]) => {
      if (!isMonth(month) || quoted.has(month)) return;
      const where = path.map(String).join('.');
      ctx.report(file, {
        message: `Unexpected \`${where}: ${month}\` without a quoted source checked that month, expected a \`sources\` entry with \`quote:\` and \`checked: ${month}\``,
        place: file.frontmatter.positionOf(path),
        note: quoted.size
          ? `Sources were checked in ${[...quoted].sort().join(', ')}; stamp one of those months, or quote what you compared in ${month}.`
          : 'Quote the passage you compared the fact with, or, if nobody here checked it, replace `verified` with `carried_over: { from, as_of }`.',
      });
    };
    need(data.verified, ['verified']);
    for (const { index, fields } of mappings<'verified'>(data.dangerClocks)) need(fields.verified, ['dangerClocks', index, 'verified']);
  },
});
