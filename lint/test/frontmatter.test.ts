/**
 * Frontmatter is read by `js-yaml` when it can be and by `yaml` when a position or an error is needed. The
 * two must never disagree about the data, and the deferred positions must be the ones the thorough read
 * gives at once.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fullFrontmatter, readFrontmatter, reviveFrontmatter } from '../src/engine/frontmatter.ts';
import { corpusFiles } from '../src/files.ts';
import { parseMarkdown } from '../src/markdown/parse.ts';

const ROOT = join(import.meta.dirname, '..', '..');

describe('frontmatter: fast and thorough reads agree', async () => {
  const files = (await corpusFiles(ROOT)).filter((p) => p.endsWith('.md'));
  const real = files.flatMap((path) => {
    const first = parseMarkdown(readFileSync(join(ROOT, path), 'utf8')).children[0];
    return first?.type === 'yaml' ? [{ path, yaml: first.value }] : [];
  });

  it('reads every block of the real corpus to the same data as `yaml` does, with no problems', () => {
    expect(real.length).toBeGreaterThan(300);
    for (const { path, yaml } of real) {
      const fast = readFrontmatter(yaml, 1, 4);
      const full = fullFrontmatter(yaml, 1, 4);
      expect(full.problems, path).toEqual([]);
      expect(fast.outline.source, `${path} should take the fast path`).toBeDefined();
      expect(fast.data, path).toEqual(full.data);
    }
  });

  it('gives the thorough read’s positions for every key, before and after a trip through a summary', () => {
    for (const { path, yaml } of real) {
      const full = fullFrontmatter(yaml, 1, 4);
      const revived = reviveFrontmatter(structuredClone(readFrontmatter(yaml, 1, 4).outline));
      for (const key of Object.keys(full.data)) {
        expect(revived.positionOf([key]), `${path} ${key}`).toEqual(full.positionOf([key]));
        expect(revived.keyPositionOf([key]), `${path} ${key}`).toEqual(full.keyPositionOf([key]));
        expect(revived.positionOf([key, 0]), `${path} ${key}[0]`).toEqual(full.positionOf([key, 0]));
      }
    }
  });

  it.each([
    ['a syntax error', 'title: "open\nid: X1\n', /Broken YAML frontmatter/],
    ['a duplicate key', 'id: X1\nid: X2\n', /Map keys must be unique/],
    ['a list at the top', '- a\n- b\n', /expected a YAML mapping/],
    ['a scalar at the top', 'just words\n', /expected a YAML mapping/],
    ['an alias bomb', 'a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\nd: &d [*c, *c]\ne: &e [*d, *d]\nf: &f [*e, *e]\ng: [*f, *f]\n', /alias|Excessive/i],
  ])('leaves %s to the thorough read, in its words', (_, yaml, message) => {
    const fm = readFrontmatter(yaml, 1, 4);
    expect(fm.outline.source).toBeUndefined();
    expect(fm.problems.map((p) => p.message).join('\n')).toMatch(message);
  });

  it('agrees with `yaml` on generated mappings of scalars, lists and nested maps', () => {
    const key = fc.stringMatching(/^[a-z][a-zA-Z0-9_-]{0,11}$/);
    const scalar = fc.oneof(
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.string({ maxLength: 30 }),
      fc.constantFrom('2026-06', '2026-06-01', '0x1F', '0o17', '1e3', '.inf', '~', 'yes', 'No', 'on', 'TRUE', '-.5', '+12', '00:30', "it's", 'a: b', '#x', '@home'),
      fc.stringMatching(/^[-+]?(0[box]?)?[0-9a-fA-F._]{0,4}([eE][-+]?[0-9]{0,2})?$/),
    );
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, scalar, fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(key, tie('node'), { maxKeys: 4 })),
    })).node;
    const styles = fc.constantFrom('plain', 'flow', 'quoted', 'literal', 'folded');
    const fast = new Map<string, [number, number]>();
    fc.assert(
      fc.property(fc.dictionary(key, value, { minKeys: 1, maxKeys: 8 }), styles, (data, style) => {
        const yaml = render(data, style);
        const quick = readFrontmatter(yaml);
        const full = fullFrontmatter(yaml);
        if (full.problems.length) expect(quick.outline.source).toBeUndefined();
        else expect(quick.data).toEqual(full.data);
        if (quick.outline.source) {
          for (const key of Object.keys(full.data)) {
            expect(quick.positionOf([key]), key).toEqual(full.positionOf([key]));
            expect(quick.keyPositionOf([key]), key).toEqual(full.keyPositionOf([key]));
          }
        }
        const [taken, seen] = fast.get(style) ?? [0, 0];
        fast.set(style, [taken + (quick.outline.source ? 1 : 0), seen + 1]);
      }),
      { numRuns: Number(process.env.KB_PROPERTY_RUNS ?? 1000) },
    );
    // The property says nothing if the generated blocks all went the thorough way (random plain strings are
    // often not valid YAML, so plain style takes the fast path least often: about a quarter of the time).
    for (const [style, [taken, seen]] of fast) expect(taken / seen, `${style}: ${taken} of ${seen} on the fast path`).toBeGreaterThan(0.15);
  });
});

/** Write a value as YAML by hand (no library, so the test does not share a writer's blind spots). */
function render(data: Record<string, unknown>, style: string): string {
  let depth = 0;
  const scalar = (v: unknown, indent = '  '): string => {
    if (typeof v !== 'string') return String(v);
    if (style === 'quoted') return JSON.stringify(v);
    if (style === 'literal' || style === 'folded') return `${style === 'literal' ? '|' : '>'}${depth++ % 2 ? '-' : ''}\n${v.split('\n').map((l) => `${indent}${l}`).join('\n')}`;
    return v;
  };
  const flow = (v: unknown): string =>
    Array.isArray(v) ? `[${v.map(flow).join(', ')}]` : v && typeof v === 'object' ? `{${Object.entries(v).map(([k, x]) => `${k}: ${flow(x)}`).join(', ')}}` : JSON.stringify(v) ?? 'null';
  const block = (v: unknown, indent: string): string => {
    if (Array.isArray(v)) return v.length ? v.map((x) => `\n${indent}- ${inline(x, `${indent}  `)}`).join('') : ' []';
    if (v && typeof v === 'object') {
      const entries = Object.entries(v);
      return entries.length ? entries.map(([k, x]) => `\n${indent}${k}:${lead(x, `${indent}  `)}`).join('') : ' {}';
    }
    return ` ${scalar(v, indent)}`;
  };
  const lead = (v: unknown, indent: string) => (style === 'flow' && typeof v === 'object' && v !== null ? ` ${flow(v)}` : block(v, indent));
  const inline = (v: unknown, indent: string) => (typeof v === 'object' && v !== null ? (style === 'flow' ? flow(v) : block(v, indent).replace(/^\n\s*/, '')) : scalar(v, indent));
  return `${Object.entries(data).map(([k, v]) => `${k}:${lead(v, '  ')}`).join('\n')}\n`;
}
