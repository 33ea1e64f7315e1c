/** Load a rule's fixture file (beside its test) into the in-memory corpus at a chosen path. */
import { readFileSync } from 'node:fs';
import { lintCorpus, only, type RunOptions } from './corpus.ts';

export async function fixtureFindings(ruleId: string, fixture: string, at: string, options?: RunOptions, extra: Record<string, string | null> = {}) {
  const text = readFileSync(new URL(`../src/rules/${ruleId}/fixtures/${fixture}`, import.meta.url));
  return only(await lintCorpus({ ...extra, [at]: new Uint8Array(text) }, options), ruleId);
}
