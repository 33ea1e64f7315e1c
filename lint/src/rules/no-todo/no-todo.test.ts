import { describe, expect, it } from 'vitest';
import { fixtureFindings } from '../../../test/fixture.ts';

describe('no-todo', () => {
  it('checks profiles, references and catalogs too', async () => {
    const findings = await fixtureFindings('no-todo', 'not-ok-skeleton.md', 'content/references/draft-guide.md');
    expect(findings.length).toBe(6);
  });
});
