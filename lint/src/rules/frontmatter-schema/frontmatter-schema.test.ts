import { describe, expect, it } from 'vitest';
import { GOTCHA, lintCorpus, only, PROFILE, SCRIPT } from '../../../test/corpus.ts';

const at = 'content/gotchas/alpha/al3-queue-stops.md';

describe('frontmatter-schema', () => {
  it('reports a missing field at its parent and a missing block at 1:1', async () => {
    const noTitle = GOTCHA('AL3').replace(/^title: .*\n/m, '');
    expect(only(await lintCorpus({ [at]: noTitle }), 'frontmatter-schema')).toEqual([`${at}:2:1 error frontmatter-schema Missing required field \`title\``]);
    expect(only(await lintCorpus({ [at]: '## Symptom\n\nx\n' }), 'frontmatter-schema')).toEqual([
      `${at}:1:1 error frontmatter-schema Missing frontmatter, expected a \`---\` YAML frontmatter block at the top`,
    ]);
  });
  it('checks script template metadata blocks', async () => {
    const bad = SCRIPT().replace('# usage: example.sh\n', '');
    expect(only(await lintCorpus({ 'scripts/example.sh': bad }), 'frontmatter-schema')).toEqual([
      'scripts/example.sh:3:3 error frontmatter-schema Missing required field `usage`',
    ]);
    expect(only(await lintCorpus({ 'scripts/example.sh': '#!/usr/bin/env bash\necho hi\n' }), 'frontmatter-schema')).toEqual([
      'scripts/example.sh:1:1 error frontmatter-schema Missing frontmatter, expected a `# ---` metadata block after the shebang',
    ]);
  });
  it('requires the driver / CUDA facts of a profile and both of their fields', async () => {
    const p = 'content/profiles/box.md';
    const noDriver = PROFILE().replace(/^driver: .*\n/m, '');
    expect(only(await lintCorpus({ [p]: noDriver }), 'frontmatter-schema')).toEqual([`${p}:2:1 error frontmatter-schema Missing required field \`driver\``]);
    const noCheck = PROFILE().replace(/^driver: .*$/m, 'driver: { stack: host driver fixed by the box owner }');
    expect(only(await lintCorpus({ [p]: noCheck }), 'frontmatter-schema')).toEqual([`${p}:14:9 error frontmatter-schema Missing required field \`driver.check\``]);
  });
});
