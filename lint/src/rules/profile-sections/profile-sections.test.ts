import { describe, expect, it } from 'vitest';
import { lintCorpus, only, PROFILE } from '../../../test/corpus.ts';

const at = 'content/profiles/box.md';
const sections = ['Launch', 'Storage', 'Network', 'Spot and interruption', 'Teardown and billing', 'Daemon tool', 'Top gotchas', 'Debugging', 'Script overrides'];
const body = (names: string[], empty: string[] = []) => names.map((s) => `## ${s}\n\n${empty.includes(s) ? '' : 'Text.'}\n`).join('\n');

describe('profile-sections', () => {
  it('accepts the nine in order, plus extra sections after them', async () => {
    expect(only(await lintCorpus({ [at]: PROFILE(body([...sections, 'Per-platform comparison'])) }), 'profile-sections')).toEqual([]);
  });
  it('reports missing, out-of-order and empty sections', async () => {
    const names = [sections[1], sections[0], ...sections.slice(2, 6), ...sections.slice(7)];
    const findings = only(await lintCorpus({ [at]: PROFILE(body(names, ['Network'])) }), 'profile-sections');
    expect(findings.map((f) => f.replace(/^\S+ /, ''))).toEqual([
      'error profile-sections Unexpected section `## Storage` before `## Launch`, expected the 9 sections in order',
      'error profile-sections Empty section `## Network`',
      'error profile-sections Missing section `## Top gotchas` (section 7 of 9)',
    ]);
  });
});
