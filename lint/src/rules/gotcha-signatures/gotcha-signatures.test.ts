import { describe, expect, it } from 'vitest';
import { GOTCHA, lintCorpus, only } from '../../../test/corpus.ts';

const at = 'content/gotchas/alpha/al3-disk-full.md';

describe('gotcha-signatures', () => {
  // recheck proved this pattern linear; V8 then backtracked without end on the Symptom's line of spaces, so
  // the lint run itself never finished. On RE2 the run checks it like any other.
  it('checks a bounded-repeat regex against a Symptom line of spaces without stalling', async () => {
    const spaces = ' '.repeat(5000);
    const page = GOTCHA('AL3', "signatures:\n  - regex: '( | ){1,60}Killed'\n", `## Symptom\n\n\`\`\`text\n${spaces}x\n\`\`\`\n\n## Root cause\n\nx y z.\n\n## Fix\n\nDo a thing.\n`);
    const findings = only(await lintCorpus({ [at]: page }), 'gotcha-signatures');
    expect(findings).toEqual([expect.stringContaining('Unexpected signature `/( | ){1,60}Killed/` that matches no line of the Symptom section')]);
  });

  it('does not match a literal inside a longer word', async () => {
    const page = GOTCHA('AL3', 'signatures:\n  - literal: "Killed"\n', '## Symptom\n\nThe skilled operator saw nothing.\n\n## Root cause\n\nx y z.\n\n## Fix\n\nDo a thing.\n');
    const line = page.split('\n').findIndex((l) => l.includes('literal: "Killed"')) + 1;
    expect(only(await lintCorpus({ [at]: page }), 'gotcha-signatures')).toEqual([
      `${at}:${line}:14 error gotcha-signatures Unexpected signature \`Killed\` that matches no line of the Symptom section, expected the message quoted there`,
    ]);
  });

  it('leaves gotchas without signatures alone', async () => {
    expect(only(await lintCorpus({ [at]: GOTCHA('AL3') }), 'gotcha-signatures')).toEqual([]);
  });
});
