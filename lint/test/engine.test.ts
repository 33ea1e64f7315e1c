import { describe, expect, it } from 'vitest';
import { GOTCHA, lintCorpus, show } from './corpus.ts';

describe('the base test corpus', () => {
  it('is clean, so every other test sees only what it changed', async () => {
    expect(show(await lintCorpus())).toEqual([]);
  });
});

describe('engine', () => {
  it('reports only targets but resolves against the whole corpus', async () => {
    const changes = {
      'content/gotchas/alpha/al1-disk-full.md': null,
      'content/gotchas/alpha/al1-broken.md': '---\nid: AL1\n---\nbroken\n',
      'content/gotchas/alpha/al2-disk-full-again.md': GOTCHA('AL2', 'related: [AL1]\n'),
    };
    expect(show(await lintCorpus(changes, { targets: ['content/gotchas/alpha/al2-disk-full-again.md'] }))).toEqual([]);
    expect(show(await lintCorpus(changes)).some((s) => s.startsWith('content/gotchas/alpha/al1-broken.md'))).toBe(true);
  });

  it('sorts findings by file, line and column and gives the same output for the same input', async () => {
    const broken = { 'content/gotchas/alpha/al2-disk-full-again.md': '---\nid: AL2\n---\nno sections\n', 'content/gotchas/alpha/al1-disk-full.md': '---\nid: AL1\n---\n' };
    const a = show(await lintCorpus(broken));
    const b = show(await lintCorpus(Object.fromEntries(Object.entries(broken).reverse())));
    expect(a).toEqual(b);
    expect(a).toEqual([...a].sort((x, y) => x.split(' ')[0].localeCompare(y.split(' ')[0], undefined, { numeric: true })));
  });

  it('an override can turn a rule off or into a warning', async () => {
    const changes = { 'content/gotchas/alpha/al2-disk-full-again.md': '---\nid: AL2\n---\n' };
    const off = await lintCorpus(changes, { severities: { 'gotcha-structure': 'off' } });
    expect(off.some((f) => f.ruleId === 'gotcha-structure')).toBe(false);
    const warn = await lintCorpus(changes, { severities: { 'gotcha-structure': 'warning' } });
    expect(warn.filter((f) => f.ruleId === 'gotcha-structure').every((f) => f.severity === 'warning')).toBe(true);
  });

  it('never throws on hostile input and positions what it reports', async () => {
    const hostile: Record<string, string | Uint8Array> = {
      'content/gotchas/alpha/al3-empty.md': '',
      'content/gotchas/alpha/al4-binary.md': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]),
      'content/gotchas/alpha/al5-latin1.md': new Uint8Array([0x2d, 0x2d, 0x2d, 0x0a, 0x69, 0x64, 0x3a, 0x20, 0xe9, 0x0a]),
      'content/gotchas/alpha/al6-yaml.md': '---\nid: [AL6\ntitle: x: y: z\n---\n',
      'content/gotchas/alpha/al7-fence.md': '---\nid: AL7\n---\n## Symptom\n```\n## Root cause\n',
      'content/gotchas/alpha/al8-huge.md': `---\nid: AL8\n---\n${'x'.repeat(5 * 1024 * 1024)}\n`,
      'content/gotchas/alpha/al10-bom.md': '\ufeff---\r\nid: AL10\r\n---\r\n',
    };
    const findings = await lintCorpus(hostile);
    for (const path of Object.keys(hostile)) expect(findings.some((f) => f.file === path), path).toBe(true);
    expect(show(findings).filter((s) => s.includes('readable-file'))).toEqual([
      'content/gotchas/alpha/al4-binary.md:1:5 error readable-file Unexpected binary content (a NUL byte), expected a UTF-8 text file',
      'content/gotchas/alpha/al5-latin1.md:2:5 error readable-file Unexpected byte `0xe9`, expected UTF-8 text',
      'content/gotchas/alpha/al8-huge.md:1:1 error readable-file File too large: 5242897 bytes, expected at most 1048576',
    ]);
    expect(show(findings).find((s) => s.startsWith('content/gotchas/alpha/al6-yaml.md'))).toMatch(/al6-yaml.md:[234]:\d+ error frontmatter-schema Broken YAML frontmatter/);
  });
});
