import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GOTCHA, PROFILE, lintCorpus, only, show } from '../../../test/corpus.ts';
import { contentHash } from './index.ts';

const fixture = (name: string, sha = contentHash(PROFILE())) => readFileSync(new URL(`fixtures/${name}`, import.meta.url), 'utf8').replace('SHA256', sha);
const at = 'content/i18n/zh-cn/profiles/box.md';

describe('translation', () => {
  it('accepts a translation that keeps every fact and names the current revision, under every rule', async () => {
    expect(show(await lintCorpus({ [at]: fixture('ok-profile.md') }))).toEqual([]);
  });

  it('reports a changed fact and missing sources at their place', async () => {
    expect(only(await lintCorpus({ [at]: fixture('not-ok-profile.md') }), 'translation')).toEqual([
      `${at}:2:1 error translation Missing sources of the original \`content/profiles/box.md\`: a translation keeps every field but \`title\` and \`description\``,
      `${at}:5:1 error translation Unexpected change to the fact field \`meter\`: it differs from the original \`content/profiles/box.md\`, expected it copied as the original has it`,
    ]);
  });

  it('reports the translation as behind (a warning) once the original changes', async () => {
    const findings = await lintCorpus({ [at]: fixture('ok-profile.md'), 'content/profiles/box.md': PROFILE().replace('Something true about launch.', 'Something new about launch.') });
    expect(only(findings, 'translation')).toEqual([
      `${at}:24:11 warning translation Translation behind its original: \`content/profiles/box.md\` changed since the revision this page translates (sha256 ${contentHash(PROFILE()).slice(0, 12)}…, now ${contentHash(PROFILE().replace('Something true about launch.', 'Something new about launch.')).slice(0, 12)}…)`,
    ]);
  });

  it('reports a translation whose original is gone, or that names another file', async () => {
    expect(only(await lintCorpus({ 'content/i18n/zh-cn/profiles/gone.md': fixture('ok-profile.md').replace('profiles/box.md', 'profiles/gone.md') }), 'translation')).toEqual([
      'content/i18n/zh-cn/profiles/gone.md:23:9 error translation Missing original `content/profiles/gone.md`: this translation names a page that does not exist (renamed or deleted?)',
    ]);
    expect(only(await lintCorpus({ 'content/i18n/zh-cn/profiles/other.md': fixture('ok-profile.md') }), 'translation')).toEqual([
      'content/i18n/zh-cn/profiles/other.md:23:9 error translation Unexpected original `content/profiles/box.md` for a translation at `content/i18n/zh-cn/profiles/other.md`, expected `content/profiles/other.md` (a translation sits at its original\'s path under content/i18n/<locale>/)',
    ]);
  });

  it('keeps a gotcha’s id and signatures, while its title and keywords are translated', async () => {
    const original = GOTCHA('AL1', 'signatures: [{ literal: "No space left on device" }]\n');
    const path = 'content/gotchas/alpha/al1-disk-full.md';
    const hash = contentHash(original);
    const zh = (extra: string, id = 'AL1') =>
      GOTCHA(id, `${extra}translates: { path: ${path}, sha256: ${hash} }\n`).replace('Disk fills up and the run dies with ENOSPC', '磁盘写满，训练因 ENOSPC 退出').replace('tags: [disk]', 'tags: [disk]\nkeywords: [磁盘满]');
    const good = await lintCorpus({ [path]: original, 'content/i18n/zh-cn/gotchas/alpha/al1-disk-full.md': zh('signatures: [{ literal: "No space left on device" }]\n') });
    expect(show(good)).toEqual([]);
    const bad = await lintCorpus({ [path]: original, 'content/i18n/zh-cn/gotchas/alpha/al1-disk-full.md': zh('signatures: [{ literal: "磁盘已满" }]\n', 'AL7') });
    expect(only(bad, 'translation')).toEqual([
      'content/i18n/zh-cn/gotchas/alpha/al1-disk-full.md:2:1 error translation Unexpected change to the id: it differs from the original `content/gotchas/alpha/al1-disk-full.md`, expected it copied as the original has it',
      // GOTCHA() puts the id in the source URL, so the sources differ too.
      'content/i18n/zh-cn/gotchas/alpha/al1-disk-full.md:9:1 error translation Unexpected change to the sources: it differs from the original `content/gotchas/alpha/al1-disk-full.md`, expected it copied as the original has it',
      'content/i18n/zh-cn/gotchas/alpha/al1-disk-full.md:15:1 error translation Unexpected change to the signatures: it differs from the original `content/gotchas/alpha/al1-disk-full.md`, expected it copied as the original has it',
    ]);
  });

  it('does not count a translated gotcha as a second page with the same id', async () => {
    const original = GOTCHA('AL1');
    const path = 'content/gotchas/alpha/al1-disk-full.md';
    const findings = await lintCorpus({ [path]: original, 'content/i18n/zh-cn/gotchas/alpha/al1-disk-full.md': GOTCHA('AL1', `translates: { path: ${path}, sha256: ${contentHash(original)} }\n`) });
    expect(only(findings, 'id-unique')).toEqual([]);
  });
});
