/**
 * A reproducible random sample of content pages by provenance state, for an audit by someone who did not
 * write them: `node tools/sample-pages.ts --seed TEXT [--checked N] [--carried N]`. The same seed over the same
 * tree gives the same pages; the note of an audit names the seed and the commit.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { frontmatterBlock, readFrontmatter } from '../lint/src/engine/frontmatter.ts';
import { provenanceOf } from '../lint/src/schema/provenance.ts';

const ROOT = join(import.meta.dirname, '..');

export interface Page { file: string; id: string; state: 'checked' | 'carried-over' | 'none' }

export function pages(contentDir = join(ROOT, 'content')): Page[] {
  return readdirSync(contentDir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.md') && !f.split('/').at(-1)!.startsWith('_'))
    .sort()
    .map((f) => {
      const block = frontmatterBlock(readFileSync(join(contentDir, f), 'utf8'));
      const data = block ? readFrontmatter(block.yaml).data : {};
      const file = relative(ROOT, join(contentDir, f));
      return { file, id: String(data.id ?? f.replace(/\.md$/, '')), state: provenanceOf(data as Parameters<typeof provenanceOf>[0]).state };
    });
}

/** Order by sha256(seed + file) and take the first n: a shuffle anyone can repeat without our code. */
export function sample(all: readonly Page[], state: Page['state'], n: number, seed: string): Page[] {
  const key = (p: Page) => createHash('sha256').update(`${seed}\0${p.file}`).digest('hex');
  return all.filter((p) => p.state === state).sort((a, b) => key(a).localeCompare(key(b))).slice(0, n);
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { seed: { type: 'string' }, checked: { type: 'string', default: '20' }, carried: { type: 'string', default: '20' } } });
  if (!values.seed) {
    console.error('usage: node tools/sample-pages.ts --seed TEXT [--checked N] [--carried N]');
    process.exit(2);
  }
  const all = pages();
  for (const [state, n] of [['checked', values.checked], ['carried-over', values.carried]] as const) {
    for (const p of sample(all, state, Number(n), values.seed)) console.log(`${state}\t${p.id}\t${p.file}`);
  }
}
