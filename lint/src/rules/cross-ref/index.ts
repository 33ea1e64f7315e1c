import type { Position } from 'unist';
import type { CorpusIndex, IndexedPage } from '../../engine/corpus-index.ts';
import type { InternalLink } from '../../markdown/links.ts';
import { principleAnchor } from '../../markdown/links.ts';
import type { LintFile } from '../../engine/types.ts';
import { defineRule, type RuleContext } from '../define.ts';

/** Why a scheme link does not resolve, or `undefined` when it does. */
export function resolveLink(link: InternalLink, index: CorpusIndex): string | undefined {
  const anchorIn = (page: IndexedPage | undefined, what: string) => {
    if (!page) return `Unknown ${what} \`${link.target}\``;
    if (link.anchor && !page.anchors.has(link.anchor)) return `Unknown heading \`#${link.anchor}\` on ${what} \`${link.target}\``;
    return undefined;
  };
  switch (link.scheme) {
    case 'gotcha':
      return anchorIn(index.gotchas.get(link.target)?.[0], 'gotcha');
    case 'profile':
      return anchorIn(index.profiles.get(link.target), 'profile');
    case 'catalog':
      return anchorIn(index.catalogs.get(link.target), 'catalog');
    case 'ref':
      return anchorIn(index.references.get(link.target), 'reference page');
    case 'principle':
      return /^\d+$/.test(link.target) && index.principles.has(Number(link.target))
        ? undefined
        : `Unknown principle \`${link.target}\`, expected an anchor \`#${principleAnchor(link.target)}\` on the principles page`;
    case 'script':
      return index.scripts.has(link.target) ? undefined : `Unknown script template \`scripts/${link.target}\``;
  }
}

function checkFrontmatterRefs(file: LintFile, ctx: RuleContext) {
  const data = file.frontmatter.data;
  const at = (path: PropertyKey[]) => file.frontmatter.positionOf(path) as Position;
  const ids = file.kind === 'template' ? data.gotchas : data.related;
  const idKey = file.kind === 'template' ? 'gotchas' : 'related';
  if (Array.isArray(ids)) {
    ids.forEach((id, i) => {
      if (typeof id !== 'string') return;
      if (id === data.id) ctx.report(file, { message: `Unexpected self-reference \`${id}\` in \`related\``, place: at([idKey, i]) });
      else if (!ctx.index.gotchas.has(id)) ctx.report(file, { message: `Unknown gotcha \`${id}\` in \`${idKey}\``, place: at([idKey, i]) });
    });
  }
  if (Array.isArray(data.principles)) {
    data.principles.forEach((n, i) => {
      if (typeof n === 'number' && !ctx.index.principles.has(n)) ctx.report(file, { message: `Unknown principle \`${n}\` in \`principles\``, place: at(['principles', i]) });
    });
  }
  for (const key of ['scripts', 'needs'] as const) {
    const paths = data[key];
    if (!Array.isArray(paths)) continue;
    paths.forEach((p, i) => {
      if (typeof p !== 'string') return;
      const name = p.replace(/^scripts\//, '');
      if (!ctx.index.scripts.has(name)) ctx.report(file, { message: `Unknown script template \`${p}\` in \`${key}\``, place: at([key, i]) });
      else if (key === 'needs' && file.kind === 'template' && file.path === `scripts/${name}`) ctx.report(file, { message: `Unexpected self-reference \`${p}\` in \`needs\``, place: at([key, i]) });
    });
  }
}

export default defineRule({
  id: 'cross-ref',
  description: 'Links, anchors, gotcha ids, principle numbers and script paths resolve',
  severity: 'error',
  kinds: ['gotcha', 'profile', 'catalog', 'reference', 'template'],
  scope: 'file',
  check(file, ctx) {
    checkFrontmatterRefs(file, ctx);
    const own = new Set(file.anchors.map((a) => a.id));
    for (const use of file.links) {
      if (use.internal) {
        const problem = resolveLink(use.internal, ctx.index);
        if (problem) ctx.report(file, { message: problem, place: use.position });
      } else if (use.url.startsWith('#')) {
        if (!own.has(use.url.slice(1))) ctx.report(file, { message: `Unknown heading \`${use.url}\` on this page`, place: use.position });
      } else if (!/^[a-z][a-z0-9+.-]*:/i.test(use.url)) {
        ctx.report(file, {
          message: `Unexpected path link \`${use.url}\`, expected a scheme link such as \`gotcha:U6\` or \`ref:principles\``,
          place: use.position,
          note: 'Path links break when files move and cannot be checked; see docs/AUTHORING.md, "Links between pages".',
        });
      }
    }
  },
});
