import { describe, expect, it } from 'vitest';
import { fixtureFindings } from '../../../test/fixture.ts';

const at = 'content/gotchas/alpha/al3-queue-skips-todo-cells.md';

describe('no-todo', () => {
  it('leaves lower-case todo, longer words and code blocks alone', async () => {
    expect(await fixtureFindings('no-todo', 'ok-code-and-words.md', at)).toEqual([]);
  });

  it('reports every marker in frontmatter, prose, HTML comments and link URLs, positioned', async () => {
    expect(await fixtureFindings('no-todo', 'not-ok-skeleton.md', at)).toEqual([
      `${at}:6:8 error no-todo Unexpected placeholder \`TODO\` in the frontmatter, expected the real content`,
      `${at}:8:13 error no-todo Unexpected placeholder \`TODO\` in the frontmatter, expected the real content`,
      `${at}:9:30 error no-todo Unexpected placeholder \`TODO\` in the frontmatter, expected the real source URL`,
      `${at}:15:1 error no-todo Unexpected placeholder \`TODO\` in section “Symptom”, expected the real content`,
      `${at}:19:34 error no-todo Unexpected placeholder \`TODO\` in section “Root cause”, expected the real content`,
      `${at}:23:43 error no-todo Unexpected placeholder \`TODO\` in section “Fix”, expected the real source URL`,
    ]);
  });

  it('checks profiles, references and catalogs too', async () => {
    const findings = await fixtureFindings('no-todo', 'not-ok-skeleton.md', 'content/references/draft-guide.md');
    expect(findings.length).toBe(6);
  });
});
