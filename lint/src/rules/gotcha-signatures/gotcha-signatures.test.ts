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

  it("checks a reference page's signatures against its whole body", async () => {
    const ref = 'content/references/codes.md';
    const page = (sig: string) => `---\ntitle: "Driver codes"\ndescription: "What the driver's numbered faults mean."\nsignatures:\n  - regex: '${sig}'\n---\n\nA line looks like \`NVRM: Xid (PCI:0000:3b:00): 79, pid=1\`.\n`;
    expect(only(await lintCorpus({ [ref]: page('NVRM: Xid [(]PCI:[0-9a-f:]{1,20}[)]: [0-9]{1,3},') }), 'gotcha-signatures')).toEqual([]);
    expect(only(await lintCorpus({ [ref]: page('NVRM: Xid [0-9]{1,3} fell') }), 'gotcha-signatures')).toEqual([
      `${ref}:5:12 error gotcha-signatures Unexpected signature \`/NVRM: Xid [0-9]{1,3} fell/\` that matches no line of the page, expected the message quoted there`,
    ]);
  });

  it('leaves gotchas without signatures alone', async () => {
    expect(only(await lintCorpus({ [at]: GOTCHA('AL3') }), 'gotcha-signatures')).toEqual([]);
  });
});
