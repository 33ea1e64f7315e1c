import { describe, expect, it } from 'vitest';
import { fixtureFindings } from '../../../test/fixture.ts';
import { GOTCHA, lintCorpus, only } from '../../../test/corpus.ts';

const at = 'content/gotchas/alpha/al3-disk-full.md';

describe('no-silent-delete', () => {
  it('leaves logged removals, single temp files, comments, prose and non-shell blocks alone', async () => {
    expect(await fixtureFindings('no-silent-delete', 'ok-logged-or-single.md', at)).toEqual([]);
  });

  it('reports each recursive, globbed, find and xargs removal with no logged approval, on its own line', async () => {
    expect(await fixtureFindings('no-silent-delete', 'not-ok-deletes.md', at)).toEqual([
      `${at}:30:1 error no-silent-delete Unexpected \`find\` that deletes without a logged approval, expected a line that appends the approval to \`DELETIONS.log\` before it`,
      `${at}:31:1 error no-silent-delete Unexpected recursive \`rm\` without a logged approval, expected a line that appends the approval to \`DELETIONS.log\` before it`,
      `${at}:32:1 error no-silent-delete Unexpected \`xargs rm\` without a logged approval, expected a line that appends the approval to \`DELETIONS.log\` before it`,
      `${at}:38:3 error no-silent-delete Unexpected \`rm\` of a glob without a logged approval, expected a line that appends the approval to \`DELETIONS.log\` before it`,
      `${at}:39:3 error no-silent-delete Unexpected \`find\` that deletes without a logged approval, expected a line that appends the approval to \`DELETIONS.log\` before it`,
    ]);
  });

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
