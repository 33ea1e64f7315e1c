import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { crowdedTopics, loadRealCases, splitOf, type RealCase } from './real-cases.ts';
import { answerIds } from './run-search-evals.ts';

function corpus(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'real-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}
const known = new Set(['MN3', 'U9']);

describe('real-report corpus', () => {
  it('splits by the URL without fragment or query, so one thread lands in one split', () => {
    const a = 'https://github.com/pytorch/pytorch/issues/1';
    expect(splitOf(`${a}#issuecomment-2`)).toBe(splitOf(a));
    expect(splitOf(`${a}?x=1`)).toBe(splitOf(a));
    // Pinned values: the rule in evals/real/README.md is frozen; a change here changes every split.
    expect(splitOf('https://example.org/a')).toBe('train');
    expect(splitOf('https://example.org/c')).toBe('test');
  });

  it('accepts as answers the gotcha ids and ref:<slug> of each reference page that declares signatures', () => {
    const content = corpus({
      'gotchas/a/u1.md': '---\nid: U1\n---\n',
      'references/xid.md': "---\ntitle: x\nsignatures:\n  - literal: 'NVRM: Xid'\n---\nbody\n",
      'references/deliver.md': '---\ntitle: y\n---\nsignatures:\n',
    });
    expect([...answerIds(content)].sort()).toEqual(['U1', 'ref:xid']);
  });

  it('loads a case and rejects a header that breaks the rules, naming the file', () => {
    const ok = '---\nurl: https://github.com/x/y/issues/1\nexpect: [MN3]\ntopic: nccl\n---\nNCCL error\n';
    const dir = corpus({ 'nccl/a.log': ok });
    const [c] = loadRealCases(dir, known);
    expect(c).toMatchObject({ file: expect.stringContaining('nccl/a.log'), expect: ['MN3'], topic: 'nccl', text: 'NCCL error\n' });
    const bad: Record<string, string> = {
      'nccl/b.log': ok.replace('MN3', 'ZZ9'),
      'nccl/c.log': ok.replace('[MN3]', '[]'),
      'oom/d.log': ok,
      'nccl/e.log': ok.replace('https://', 'http://'),
      'nccl/f.log': ok.replace('NCCL error\n', ''),
    };
    for (const [name, text] of Object.entries(bad)) expect(() => loadRealCases(corpus({ [name]: text }), known), name).toThrow(name);
  });

  it('flags a topic over 10 % only once the corpus has 100 cases', () => {
    const mk = (topic: string, n: number) => Array.from({ length: n }, () => ({ topic }) as RealCase);
    expect(crowdedTopics([...mk('nccl', 20), ...mk('oom', 5)])).toEqual([]);
    expect(crowdedTopics([...mk('nccl', 11), ...Array.from({ length: 9 }, (_, i) => mk(`t${i}`, 10)).flat()])).toEqual(['nccl: 11 of 101']);
  });

  it('the committed corpus loads and no topic crowds it', () => {
    const cases = loadRealCases();
    expect(crowdedTopics(cases)).toEqual([]);
  });
});
