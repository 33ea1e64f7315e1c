/** One table-driven pass over the registry: ids, folders, docs, and survival without positions. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RULES } from '../src/rules/index.ts';
import { buildIndex } from '../src/engine/corpus-index.ts';
import { loadFile } from '../src/engine/load.ts';
import { ruleUrl } from '../src/site-url.ts';
import { baseCorpus, lintCorpus } from './corpus.ts';

const rulesDir = new URL('../src/rules/', import.meta.url);

describe('rule registry', () => {
  it('has unique kebab-case ids equal to their folder names, and every rule folder is registered', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z]+(-[a-z]+)*$/);
    const folders = readdirSync(rulesDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
    expect([...ids].sort()).toEqual(folders);
  });

  it.each(RULES.map((r) => [r.id, r] as const))('%s has docs with what, why, how to fix and examples, and a test or fixtures', (id) => {
    const docs = new URL(`${id}/docs.md`, rulesDir);
    expect(existsSync(docs)).toBe(true);
    const text = readFileSync(docs, 'utf8');
    expect(text.startsWith(`# ${id}\n`)).toBe(true);
    for (const heading of ['## Why', '## How to fix', '## Examples']) expect(text).toContain(heading);
    // A test of its own, or fixtures, which lint/test/rule-fixtures.test.ts checks against their markers.
    const fixtures = new URL(`${id}/fixtures/`, rulesDir);
    expect(existsSync(new URL(`${id}/${id}.test.ts`, rulesDir)) || (existsSync(fixtures) && readdirSync(fixtures).length > 0)).toBe(true);
  });

  it('stamps rule id, severity and docs URL on every finding', async () => {
    const findings = await lintCorpus({ 'content/gotchas/alpha/al3-bad.md': '---\nid: al3\nverified: 2030-01\n---\n[x](gotcha:NOPE1) [y](http://example.com)\n' });
    const ids = new Set(RULES.map((r) => r.id));
    expect(findings.length).toBeGreaterThan(3);
    for (const f of findings) {
      expect(ids.has(f.ruleId)).toBe(true);
      expect(f.url).toBe(ruleUrl(f.ruleId));
      expect(['error', 'warning']).toContain(f.severity);
    }
  });

  it('no rule crashes on trees without positions', async () => {
    const files = Object.entries(baseCorpus()).map(([p, text]) => loadFile(p, new TextEncoder().encode(text.replace('## Fix', '## Fixx'))));
    const strip = (node: unknown): void => {
      if (!node || typeof node !== 'object') return;
      delete (node as { position?: unknown }).position;
      for (const child of (node as { children?: unknown[] }).children ?? []) strip(child);
    };
    for (const f of files) {
      strip(f.tree);
      for (const link of f.links) delete link.position;
    }
    const index = buildIndex(files);
    const reports: unknown[] = [];
    const ctx = { index, options: { maxAge: 6, today: '2026-11' }, report: (_f: unknown, r: unknown) => reports.push(r) };
    for (const rule of RULES) {
      if (rule.scope === 'project') rule.check(files, ctx);
      else for (const f of files.filter((x) => rule.kinds.includes(x.kind))) await rule.check(f, ctx);
    }
    expect(reports.length).toBeGreaterThan(0);
  });
});
