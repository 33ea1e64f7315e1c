import { VERIFIED_PATTERN } from '../../schema/verified.ts';
import { provenanceOf } from '../../schema/provenance.ts';
import { quotedMonths } from '../quoted-source/index.ts';
import { defineRule } from '../define.ts';

/**
 * The carried-over class: facts nobody here has compared with a source yet. Warnings, not errors: most of the
 * corpus is in this state after the migration, and each file leaves it one check at a time.
 */
export default defineRule({
  id: 'carried-over',
  description: 'facts carried over from another knowledge base, and inline stamps no quoted source backs (warnings)',
  severity: 'warning',
  kinds: ['gotcha', 'profile', 'reference'],
  scope: 'file',
  check(file, ctx) {
    if (!file.frontmatter.present) return;
    const data = file.frontmatter.data;
    const p = provenanceOf(data);
    if (p.state === 'carried-over' && data.verified === undefined) {
      ctx.report(file, {
        message: `Carried-over facts from \`${p.from}\` (${p.asOf}), not checked here`,
        place: file.frontmatter.keyPositionOf(['carried_over']),
        note: 'Compare each fact with its source, add the passage as `quote:` and `checked: YYYY-MM` to that source, then replace `carried_over` with `verified: YYYY-MM`.',
      });
    }
    const quoted = quotedMonths(data.sources);
    for (const stamp of file.stamps) {
      if (!VERIFIED_PATTERN.test(stamp.month) || quoted.has(stamp.month)) continue;
      ctx.report(file, {
        message: `Unexpected inline stamp \`${stamp.raw}\` without a quoted source checked ${stamp.month}, expected a \`sources\` entry with \`quote:\` and \`checked: ${stamp.month}\``,
        place: stamp.position,
        note: 'The sentence reads as checked but nothing on the page shows the passage it was checked against: quote it, or drop the stamp.',
      });
    }
  },
});
