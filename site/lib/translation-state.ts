/**
 * Whether a translation is in step with its English original: the same hash the `translation` lint rule
 * compares (the SHA-256 of the English file as it was translated). Read at build time from the repository, so
 * every place that shows or lists a translation agrees on which ones are behind.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contentHash } from '../../lint/src/rules/translation/index.ts';

export interface Translates {
  path: string;
  sha256: string;
}

/**
 * `current` when the English file still hashes to `translates.sha256`, `behind` when it changed since, and
 * `unreadable` when it cannot be read (the linter reports a missing original; callers decide what to show).
 */
export function translationState(translates: Translates): 'current' | 'behind' | 'unreadable' {
  let text: string;
  try {
    text = readFileSync(join(process.env.KB_REPO_ROOT ?? '.', translates.path), 'utf8');
  } catch {
    return 'unreadable';
  }
  return contentHash(text) === translates.sha256 ? 'current' : 'behind';
}
