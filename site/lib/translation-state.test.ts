import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translationState } from './translation-state.ts';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const original = '---\nid: AD5\ntitle: "Disk full"\n---\n\n## Symptom {#symptom}\n\nThe data disk reads 100 %.\n';
let root: string;
let saved: string | undefined;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'translation-state-'));
  mkdirSync(join(root, 'content/gotchas/autodl'), { recursive: true });
  writeFileSync(join(root, 'content/gotchas/autodl/ad5.md'), original);
  saved = process.env.KB_REPO_ROOT;
  process.env.KB_REPO_ROOT = root;
});

afterAll(() => {
  if (saved === undefined) delete process.env.KB_REPO_ROOT;
  else process.env.KB_REPO_ROOT = saved;
  rmSync(root, { recursive: true, force: true });
});

describe('translationState', () => {
  it('is current while the English file hashes to the revision the translation names', () => {
    expect(translationState({ path: 'content/gotchas/autodl/ad5.md', sha256: sha(original) })).toBe('current');
  });

  it('is behind once the English file changed, even by one byte', () => {
    expect(translationState({ path: 'content/gotchas/autodl/ad5.md', sha256: sha(original.replace('100 %', '99 %')) })).toBe('behind');
  });

  it('is unreadable when the English file is missing, rather than current or behind', () => {
    expect(translationState({ path: 'content/gotchas/autodl/gone.md', sha256: sha(original) })).toBe('unreadable');
  });
});
