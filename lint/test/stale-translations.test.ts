/** `kb-lint stale` lists translations whose English original changed since the revision they name (issue 32). */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCommand } from '../src/commands/command.ts';
import { command as staleCommand } from '../src/commands/stale.ts';
import { contentHash } from '../src/rules/translation/index.ts';
import { captureIo } from './capture-io.ts';
import { PROFILE, baseCorpus, tempDirs, writeTree } from './corpus.ts';

const tmp = tempDirs('kb-stale-i18n-');
const zh = readFileSync(new URL('../src/rules/translation/fixtures/ok-profile.md', import.meta.url), 'utf8').replace('SHA256', contentHash(PROFILE()));

async function stale(root: string, format: 'md' | 'json') {
  const io = captureIo();
  const code = await runCommand(staleCommand, io, ['--root', root, '--today', '2026-09', '--format', format]);
  return { code, out: io.out, err: io.err };
}

describe('stale: translations behind', () => {
  it('lists nothing while the original is unchanged, then the translation once an English page changes', async () => {
    const root = writeTree(tmp(), { ...baseCorpus(), 'content/i18n/zh-cn/profiles/box.md': zh });
    const before = await stale(root, 'md');
    expect(before.out).toContain('_Every translation matches the revision of its original._');
    expect(JSON.parse((await stale(root, 'json')).out).translationsBehind).toEqual([]);

    const english = join(root, 'content/profiles/box.md');
    writeFileSync(english, readFileSync(english, 'utf8').replace('Something true about storage.', 'Something newly checked about storage.'));
    const after = await stale(root, 'md');
    expect(after.code).toBe(0);
    expect(after.out).toContain('## Translations behind their English original');
    expect(after.out).toContain(`| \`content/i18n/zh-cn/profiles/box.md\` | \`content/profiles/box.md\` | \`${contentHash(PROFILE()).slice(0, 12)}\` |`);
    const json = JSON.parse((await stale(root, 'json')).out);
    expect(json.translationsBehind).toEqual([
      { file: 'content/i18n/zh-cn/profiles/box.md', original: 'content/profiles/box.md', translated: contentHash(PROFILE()), now: contentHash(readFileSync(english, 'utf8')) },
    ]);
  });
});
