import { defineRule } from '../define.ts';
import { frontmatterIssues, ownerOf } from '../validate.ts';

export default defineRule({
  id: 'source-url',
  description: 'Sources are public https URLs, at least one per gotcha and profile, none repeated',
  severity: 'error',
  kinds: ['gotcha', 'profile', 'reference', 'translation'],
  scope: 'file',
  check(file, ctx) {
    if (!file.frontmatter.present) return;
    for (const issue of frontmatterIssues(file, ctx.index)) {
      if (ownerOf(issue.path) === 'source-url') ctx.report(file, issue.report);
    }
    const sources = file.frontmatter.data.sources;
    if (!Array.isArray(sources)) return;
    const seen = new Map<string, number>();
    sources.forEach((s, i) => {
      const url = s && typeof s === 'object' ? (s as { url?: unknown }).url : undefined;
      if (typeof url !== 'string' || !URL.canParse(url)) return;
      // Fragments and trailing slashes do not make a different source.
      const key = new URL(url).href.replace(/#.*$/, '').replace(/\/$/, '');
      const first = seen.get(key);
      if (first !== undefined) {
        ctx.report(file, { message: `Unexpected duplicate source \`${url}\`, already listed as \`sources.${first}\``, place: file.frontmatter.positionOf(['sources', i, 'url']) });
      } else seen.set(key, i);
    });
    for (const link of file.links) {
      if (/^http:\/\//.test(link.url)) ctx.report(file, { message: `Unexpected \`http:\` link \`${link.url}\`, expected \`https:\``, place: link.position });
    }
  },
});
