import { describe, expect, it } from 'vitest';
import { githubWebUrl } from './repository.ts';

describe('githubWebUrl', () => {
  it('reads the remote forms git prints', () => {
    for (const remote of ['https://github.com/o/guide.git', 'https://github.com/o/guide', 'git@github.com:o/guide.git', 'ssh://git@github.com/o/guide.git\n', 'https://token@github.com/o/guide.git'])
      expect(githubWebUrl(remote), remote).toBe('https://github.com/o/guide');
  });
  it('gives nothing for a remote that is not on GitHub or not a repository', () => {
    for (const remote of ['/work/main', 'https://gitlab.com/o/guide.git', 'https://github.com/o', 'https://github.com.evil.example/o/g', 'https://github.com/o/g/../../x']) expect(githubWebUrl(remote), remote).toBeUndefined();
  });
});
