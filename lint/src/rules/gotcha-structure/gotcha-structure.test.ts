import { describe, expect, it } from 'vitest';
import { fixtureFindings } from '../../../test/fixture.ts';

const at = 'content/gotchas/alpha/al3-queue-stops.md';

describe('gotcha-structure', () => {
  it('accepts split Fix sections and extra sections after Fix', async () => {
    expect(await fixtureFindings('gotcha-structure', 'ok-split-fix.md', at)).toEqual([]);
  });
  it('reports sections out of order and a Fix that is only code', async () => {
    expect(await fixtureFindings('gotcha-structure', 'not-ok-order-and-code.md', at)).toEqual([
      `${at}:13:1 error gotcha-structure Unexpected section \`## Root cause\` out of order, expected \`Symptom\` → \`Root cause\` → \`Fix\``,
      `${at}:21:1 error gotcha-structure Section \`## Fix\` holds only code, expected prose that explains it`,
    ]);
  });
  it('names headings swallowed by an unclosed fence', async () => {
    const findings = await fixtureFindings('gotcha-structure', 'not-ok-swallowed.md', at);
    expect(findings).toEqual([
      `${at}:26:1 error gotcha-structure Missing section \`## Fix\``,
      `${at}:26:1 error gotcha-structure Missing section \`## Root cause\``,
    ]);
  });
});
