import { defineRule } from '../define.ts';

export default defineRule({
  id: 'gotcha-placement',
  description: 'A gotcha lives in its catalog folder, its id uses the catalog prefix, its file name starts with the id',
  severity: 'error',
  kinds: ['gotcha'],
  scope: 'file',
  check(file, ctx) {
    const { id, catalog } = file.frontmatter.data;
    if (typeof catalog === 'string' && catalog !== file.slug) {
      ctx.report(file, { message: `Unexpected catalog \`${catalog}\` for a file in \`content/gotchas/${file.slug}/\`, expected \`${file.slug}\``, place: file.frontmatter.positionOf(['catalog']) });
    }
    if (typeof id !== 'string') return;
    const entry = ctx.index.catalogs.get(typeof catalog === 'string' ? catalog : file.slug);
    if (entry && entry.prefixes.length && !entry.prefixes.some((p) => new RegExp(`^${p}\\d+$`).test(id))) {
      ctx.report(file, { message: `Unexpected id \`${id}\` in catalog \`${catalog}\`, expected a prefix of ${entry.prefixes.map((p) => `\`${p}\``).join(', ')} followed by a number`, place: file.frontmatter.positionOf(['id']) });
    }
    const name = file.path.split('/').at(-1) ?? '';
    const lower = id.toLowerCase();
    if (name !== `${lower}.md` && !name.startsWith(`${lower}-`)) {
      ctx.report(file, { message: `Unexpected file name \`${name}\` for id \`${id}\`, expected \`${lower}-<words>.md\``, place: file.frontmatter.positionOf(['id']) });
    }
  },
});
