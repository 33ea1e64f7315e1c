import { toString } from 'mdast-util-to-string';
import { PROFILE_SECTIONS } from '../../schema/profile.ts';
import { defineRule } from '../define.ts';
import { hasProse, sections } from '../gotcha-structure/index.ts';

const norm = (s: string) => s.replace(/\{#[\w-]+\}\s*$/, '').trim().toLowerCase();

export default defineRule({
  id: 'profile-sections',
  description: 'Profiles have the nine sections, in order, each with content',
  severity: 'error',
  kinds: ['profile'],
  scope: 'file',
  check(file, ctx) {
    if (!file.tree) return;
    const found = sections(file.tree.children);
    const names = found.map((s) => norm(toString(s.heading)));
    let previous = -1;
    for (const [i, name] of PROFILE_SECTIONS.entries()) {
      const at = names.indexOf(name.toLowerCase());
      if (at === -1) {
        ctx.report(file, { message: `Missing section \`## ${name}\` (section ${i + 1} of ${PROFILE_SECTIONS.length})`, place: file.tree.position?.end });
        continue;
      }
      if (at < previous) {
        ctx.report(file, { message: `Unexpected section \`## ${name}\` before \`## ${PROFILE_SECTIONS[i - 1]}\`, expected the ${PROFILE_SECTIONS.length} sections in order`, place: found[at].heading.position });
      }
      previous = Math.max(previous, at);
      if (!hasProse(found[at].body)) ctx.report(file, { message: `Empty section \`## ${name}\``, place: found[at].heading.position });
    }
  },
});
