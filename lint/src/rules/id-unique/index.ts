import { defineRule } from '../define.ts';

export default defineRule({
  id: 'id-unique',
  description: 'Gotcha ids are unique across the corpus and retired ids are never reused',
  severity: 'error',
  kinds: ['gotcha'],
  scope: 'project',
  check(files, ctx) {
    const retired = new Map<string, string>();
    for (const [catalog, page] of ctx.index.catalogs) for (const id of page.retired) retired.set(id, catalog);
    for (const [id, pages] of ctx.index.gotchas) {
      if (pages.length > 1) {
        for (const page of pages) {
          const others = pages.filter((p) => p !== page).map((p) => `\`${p.file.path}\``).join(', ');
          ctx.report(page.file, { message: `Duplicate gotcha id \`${id}\`, also used by ${others}`, place: page.file.frontmatter.positionOf(['id']) });
        }
      }
      const from = retired.get(id);
      if (from) {
        for (const page of pages) ctx.report(page.file, { message: `Unexpected reuse of retired id \`${id}\` (retired in catalog \`${from}\`), expected a fresh id`, place: page.file.frontmatter.positionOf(['id']) });
      }
    }
    void files;
  },
});
