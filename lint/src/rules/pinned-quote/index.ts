import { mappings } from '../../schema/fields.ts';
import { defineRule } from '../define.ts';

/**
 * Hosts reserved for documentation and examples (RFC 2606, RFC 6761): a quote from one is a placeholder in an
 * example or a test page, never a source anyone read, so there is no version to pin.
 */
const RESERVED = /(^|\.)(example\.(com|net|org)|[^.]+\.(test|example|invalid|localhost))$/i;
const reservedHost = (url: unknown) => typeof url === 'string' && URL.canParse(url) && RESERVED.test(new URL(url).hostname);

/**
 * Every quote says which version of its source it was read in (`pin:`), or why it cannot. A quote without one
 * cannot be told, once it is gone from the live page, from a quote that was never there. Warnings: a missing
 * pin does not make the fact wrong, it makes its drift unprovable.
 */
export default defineRule({
  id: 'pinned-quote',
  description: 'a quoted source records the version it was read in (`pin:` a commit, the day read and a context hash, or why not)',
  severity: 'warning',
  kinds: ['gotcha', 'profile', 'reference'],
  scope: 'file',
  check(file, ctx) {
    if (!file.frontmatter.present) return;
    for (const { index: i, fields } of mappings<'quote' | 'pin' | 'url'>(file.frontmatter.data.sources)) {
      const { quote, pin, url } = fields;
      if (typeof quote !== 'string' || !quote.trim() || (pin !== undefined && pin !== null) || reservedHost(url)) continue;
      ctx.report(file, {
        message: `Unexpected \`quote\` without \`pin\` in \`sources.${i}\`, expected the version it was read in`,
        place: file.frontmatter.positionOf(['sources', i, 'quote']),
        note: 'Add `pin: { commit: <sha> }` for a source kept in a repository, `pin: { read: YYYY-MM-DD, context: "sha256:…" }` for a web page (node tools/pin-context.ts computes the hash from a copy), or `pin: { unpinned: "<why>" }` (see docs/AUTHORING.md).',
      });
    }
  },
});
