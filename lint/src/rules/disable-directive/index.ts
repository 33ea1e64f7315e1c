/**
 * Inline `<!-- kb-lint … -->` comments that are wrong or idle. The comments are applied to the findings of
 * every other rule at the end of a run (engine/directives.ts), so that is where this rule's findings are
 * made; it is registered here for its id, severity, docs and a place in `--list-rules` and `rules`.
 */
import { defineRule } from '../define.ts';

export default defineRule({
  id: 'disable-directive',
  description: 'Inline kb-lint comments name known rules and silence something',
  severity: 'error',
  kinds: ['gotcha', 'profile', 'catalog', 'reference', 'other', 'translation'],
  scope: 'project',
  check() {},
});
