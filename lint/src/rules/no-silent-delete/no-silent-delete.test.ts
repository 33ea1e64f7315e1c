import { describe, expect, it } from 'vitest';
import { fixtureFindings } from '../../../test/fixture.ts';
import { GOTCHA, lintCorpus, only } from '../../../test/corpus.ts';

const at = 'content/gotchas/alpha/al3-disk-full.md';

describe('no-silent-delete', () => {
  // One line per case: the command words decide, wherever the command sits in the line.
  it.each([
    ['sudo rm -Rf /data/old', 'recursive `rm`'],
    ['cd /data && rm --recursive old', 'recursive `rm`'],
    ['(cd /data; rm -v -r old)', 'recursive `rm`'],
    ['rm -f -- -r', undefined],
    ['rm -f logs/*.txt 2>/dev/null', '`rm` of a glob'],
    ['rm -f one.log > /tmp/out?', undefined],
    ['find . -name x -execdir rm {} \\;', '`find` that deletes'],
    ['find . -name x -exec ls {} +', undefined],
    ['ls | xargs -0 rm', '`xargs rm`'],
    ['ls | xargs rmdir', undefined],
    ['echo "rm -rf /" >> notes.txt', undefined],
  ])('`%s` → %s', async (line, what) => {
    const page = GOTCHA('AL3', '', `## Symptom\n\nx\n\n## Root cause\n\nx\n\n## Fix\n\n\`\`\`bash\n${line}\n\`\`\`\n`);
    const found = only(await lintCorpus({ [at]: page }), 'no-silent-delete');
    expect(found).toEqual(what ? [expect.stringContaining(`Unexpected ${what} without a logged approval`)] : []);
  });

  it('checks reference pages, profiles and catalogs too', async () => {
    const findings = await fixtureFindings('no-silent-delete', 'not-ok-deletes.md', 'content/references/cleanup.md');
    expect(findings.length).toBe(5);
  });
});
