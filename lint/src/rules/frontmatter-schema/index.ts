import { defineRule } from '../define.ts';
import { frontmatterIssues, ownerOf } from '../validate.ts';

export default defineRule({
  id: 'frontmatter-schema',
  description: 'Frontmatter matches the content model shared with the site',
  severity: 'error',
  kinds: ['gotcha', 'profile', 'catalog', 'reference', 'template', 'translation'],
  scope: 'file',
  check(file, ctx) {
    if (!file.frontmatter.present) {
      const what = file.kind === 'template' ? 'a `# ---` metadata block after the shebang' : 'a `---` YAML frontmatter block at the top';
      ctx.report(file, { message: `Missing frontmatter, expected ${what}`, place: { line: 1, column: 1 } });
      return;
    }
    for (const problem of file.frontmatter.problems) ctx.report(file, problem);
    for (const issue of frontmatterIssues(file, ctx.index)) {
      if (ownerOf(issue.path) === 'frontmatter-schema') ctx.report(file, issue.report);
    }
  },
});
