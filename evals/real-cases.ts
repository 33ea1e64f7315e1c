/**
 * The corpus of real error reports (evals/real/): loading, validation and the frozen train/test split.
 * The split rule is written in evals/real/README.md and must not change once cases are tuned on.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { answerIds, CaseFileError } from './run-search-evals.ts';

export const REAL = join(import.meta.dirname, 'real');
export const TOPICS = ['nccl', 'launch', 'multinode', 'driver-cuda', 'build-ext', 'hardware-xid', 'scheduler', 'oom', 'precision', 'data', 'checkpoint', 'hub-network', 'install', 'platform', 'tracker'] as const;
export type Topic = (typeof TOPICS)[number];
export type Split = 'train' | 'test';

export interface RealCase {
  /** Path under evals/real/, e.g. `cases/nccl/unhandled-system-error.log`. */
  file: string;
  url: string;
  expect: string[];
  /** What page would answer a case that no page answers yet. */
  none?: string;
  topic: Topic;
  split: Split;
  text: string;
}

/** The frozen rule: sha256 of the URL without fragment or query; first hex digit 0-7 is test. */
export function splitOf(url: string): Split {
  const bare = url.trim().replace(/[#?].*$/s, '');
  const first = createHash('sha256').update(bare).digest('hex')[0]!;
  return parseInt(first, 16) < 8 ? 'test' : 'train';
}

export function loadRealCases(dir = join(REAL, 'cases'), known = answerIds()): RealCase[] {
  const cases: RealCase[] = [];
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.log')).sort();
  for (const name of files) {
    const path = join(dir, name);
    const file = relative(REAL, path);
    const fail = (msg: string): never => {
      throw new CaseFileError(`${path}: ${msg}`);
    };
    const raw = readFileSync(path, 'utf8');
    const m = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(raw);
    if (!m) fail('expected a YAML header between `---` lines, then the pasted text');
    let head: Record<string, unknown>;
    try {
      head = (parseYaml(m![1]!) ?? {}) as Record<string, unknown>;
    } catch (e) {
      return fail(`header is not YAML: ${(e as Error).message.split('\n')[0]}`);
    }
    const { url, expect, none, topic } = head;
    if (typeof url !== 'string' || !/^https:\/\/\S+$/.test(url)) fail('`url` must be one https URL');
    if (!Array.isArray(expect) || !expect.every((x) => typeof x === 'string')) fail('`expect` must be a list of gotcha ids ([] when none answers)');
    for (const id of expect as string[]) if (!known.has(id)) fail(`unknown id \`${id}\` (a gotcha id, or ref:<slug> of a reference page with signatures)`);
    if ((expect as string[]).length === 0 && (typeof none !== 'string' || !none.trim())) fail('`expect: []` needs `none:` saying what page would answer it');
    if ((expect as string[]).length > 0 && none !== undefined) fail('`none:` goes only with `expect: []`');
    if (!TOPICS.includes(topic as Topic)) fail(`\`topic\` must be one of ${TOPICS.join(', ')}`);
    if (!name.startsWith(`${topic as string}/`)) fail(`a \`${topic as string}\` case belongs under cases/${topic as string}/`);
    const text = m![2]!;
    if (!text.trim()) fail('no pasted text after the header');
    cases.push({ file, url: url as string, expect: expect as string[], none: none as string | undefined, topic: topic as Topic, split: splitOf(url as string), text });
  }
  return cases;
}

/** Topics holding more than `max` of the corpus (the README's 10 % rule), once it has `from` cases. */
export function crowdedTopics(cases: readonly RealCase[], max = 0.1, from = 100): string[] {
  if (cases.length < from) return [];
  const counts = new Map<string, number>();
  for (const c of cases) counts.set(c.topic, (counts.get(c.topic) ?? 0) + 1);
  return [...counts].filter(([, n]) => n / cases.length > max).map(([t, n]) => `${t}: ${n} of ${cases.length}`);
}
