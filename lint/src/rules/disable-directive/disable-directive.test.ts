import { describe, expect, it } from 'vitest';
import { GOTCHA, lintCorpus, show } from '../../../test/corpus.ts';

const PATH = 'content/gotchas/alpha/al3-todo.md';
const withBody = (extra: string) => GOTCHA('AL3').replace('## Fix\n', `## Fix\n\n${extra}\n`);
const lintWith = async (extra: string) => show(await lintCorpus({ [PATH]: withBody(extra) })).filter((s) => s.startsWith(PATH));

describe('disable-directive and inline comments', () => {
  it('disable-next-line silences that rule on the next line only', async () => {
    expect(await lintWith('TODO one')).toEqual([expect.stringMatching(/no-todo/)]);
    expect(await lintWith('<!-- kb-lint disable-next-line no-todo -->\nTODO one')).toEqual([]);
    expect(await lintWith('<!-- kb-lint disable-next-line no-todo -->\nTODO one\n\nTODO two')).toEqual([expect.stringMatching(/no-todo/)]);
  });

  it('disable … enable silences a block, and disable-file the whole file', async () => {
    expect(await lintWith('<!-- kb-lint disable no-todo -->\n\nTODO one\n\nTODO two\n\n<!-- kb-lint enable no-todo -->\n\nTODO three')).toEqual([expect.stringMatching(/no-todo/)]);
    expect(await lintWith('<!-- kb-lint disable-file no-todo -->\n\nTODO one\n\nTODO two')).toEqual([]);
  });

  it('reports a comment that names no rule, an unknown rule, or silences nothing, where the comment is', async () => {
    const found = await lintWith('<!-- kb-lint disable-next-line -->\nA\n\n<!-- kb-lint disable-next-line no-todos -->\nB\n\n<!-- kb-lint disable-next-line no-todo -->\nNothing to silence\n\n<!-- kb-lint ignore no-todo -->');
    expect(found.map((s) => s.replace(/^[^:]+:/, ''))).toEqual([
      expect.stringMatching(/^\d+:1 error disable-directive Missing rule id in `kb-lint disable-next-line`/),
      expect.stringMatching(/^\d+:1 error disable-directive Unknown rule `no-todos`/),
      expect.stringMatching(/^\d+:1 error disable-directive Unused `kb-lint disable-next-line no-todo`/),
      expect.stringMatching(/^\d+:1 error disable-directive Unknown kb-lint comment `ignore`/),
    ]);
  });

  it('a comment inside a code block is text, not a directive', async () => {
    expect(await lintWith('```html\n<!-- kb-lint disable-next-line no-todo -->\n```\n\nTODO one')).toEqual([expect.stringMatching(/no-todo/)]);
  });
});
