/**
 * One frontmatter reader: its data is what Astro gives the collections (js-yaml's `load`, default schema,
 * through @astrojs/internal-helpers' parseFrontmatter), its positions come from `yaml`, and input built to
 * exhaust a parser becomes one positioned problem.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFrontmatter } from '@astrojs/internal-helpers/frontmatter';
import { describe, expect, it } from 'vitest';
import { isScalar, LineCounter, parseDocument, type Scalar, type YAMLMap } from 'yaml';
import { frontmatterBlock, frontmatterFrom, readFrontmatter } from '../src/engine/frontmatter.ts';
import { corpusFiles } from '../src/files.ts';

const ROOT = join(import.meta.dirname, '..', '..');

describe('frontmatter reads data exactly as Astro does', async () => {
  const files = (await corpusFiles(ROOT)).filter((p) => p.endsWith('.md'));

  it('gives Astro’s data for every block of the real corpus, with no problems and a position for every key', () => {
    let blocks = 0;
    for (const path of files) {
      const text = readFileSync(join(ROOT, path), 'utf8');
      const block = frontmatterBlock(text);
      if (!block) continue;
      blocks++;
      const fm = readFrontmatter(block.yaml, 1, block.startOffset);
      expect(fm.problems, path).toEqual([]);
      expect(fm.data, path).toEqual(parseFrontmatter(text).frontmatter);
      for (const key of Object.keys(fm.data)) {
        const { start } = fm.keyPositionOf([key]);
        expect(text.split('\n')[start.line - 1].slice(start.column - 1).startsWith(key), `${path} ${key}`).toBe(true);
      }
    }
    expect(blocks).toBeGreaterThan(300);
  });

  // The reference for a key's place: `yaml`'s own range, as the general lookup reads it.
  const yamlKeyPlace = (yamlText: string, key: string, startLine: number, startOffset: number) => {
    const counter = new LineCounter();
    const doc = parseDocument(yamlText, { lineCounter: counter, logLevel: 'error' });
    const pair = (doc.contents as YAMLMap).items.find((p) => isScalar(p.key) && p.key.value === key)!;
    const [from, to] = (pair.key as Scalar).range!;
    const point = (offset: number) => ({ line: counter.linePos(offset).line + startLine, column: counter.linePos(offset).col, offset: offset + startOffset });
    return { start: point(from), end: point(to) };
  };

  it('places top-level keys without a parse exactly where `yaml` does, across the real corpus', () => {
    let keys = 0;
    for (const path of files) {
      const block = frontmatterBlock(readFileSync(join(ROOT, path), 'utf8'));
      if (!block) continue;
      const fm = readFrontmatter(block.yaml, 1, block.startOffset);
      for (const key of Object.keys(fm.data)) {
        expect(fm.keyPositionOf([key]), `${path} ${key}`).toEqual(yamlKeyPlace(block.yaml, key, 1, block.startOffset));
        keys++;
      }
    }
    expect(keys).toBeGreaterThan(2000);
  });

  // Each shape either takes the quick path to the same answer or falls back to the parse.
  it.each([
    ['a quoted key', "'carried_over': x\nid: AL1"],
    ['the key text inside an indented quoted continuation', 'title: "two\n  carried_over: lines"\ncarried_over: x'],
    ['the key text starting a quoted continuation line (two candidates: parsed)', 'title: "a\ncarried_over: b"\ncarried_over: x'],
    ['space before the colon', 'id: AL1\ncarried_over  : x'],
    ['a longer key that starts the same', 'carried_over_note: y\ncarried_over: x'],
    ['a comment that names the key', '# carried_over: no\ncarried_over: x'],
    ['CRLF line ends', 'id: AL1\r\ncarried_over:\r\n  from: a'],
  ])('places a top-level key where `yaml` does with %s', (_name, yamlText) => {
    const fm = readFrontmatter(yamlText, 1, 4);
    expect(fm.keyPositionOf(['carried_over'])).toEqual(yamlKeyPlace(yamlText, 'carried_over', 1, 4));
  });

  it('reads a bare date as a Date, as the build does (so `title: 2026-06-01` fails the schema in both)', () => {
    const fm = readFrontmatter('title: 2026-06-01\nverified: 2026-06', 1, 4);
    expect(fm.data.title).toBeInstanceOf(Date);
    expect(fm.data.verified).toBe('2026-06');
    expect(fm.data).toEqual(parseFrontmatter('---\ntitle: 2026-06-01\nverified: 2026-06\n---\n').frontmatter);
  });

  it('keeps Dates and positions through a trip through plain data (the cache)', () => {
    const fm = readFrontmatter('id: AL1\ntitle: 2026-06-01\n', 1, 4);
    const again = frontmatterFrom(structuredClone({ data: fm.data, present: fm.present, problems: fm.problems, source: fm.source }));
    expect(again.data.title).toBeInstanceOf(Date);
    expect(again.positionOf(['title'])).toEqual(fm.positionOf(['title']));
    expect(again.positionOf(['title']).start).toMatchObject({ line: 3, column: 8 });
  });

  it('reports syntax errors at their place, in `yaml`’s words', () => {
    const fm = readFrontmatter('id: AL1\ntitle: [unclosed\n', 1, 4);
    expect(fm.data).toEqual({});
    expect(fm.problems[0].message).toMatch(/^Broken YAML frontmatter: /);
    expect(fm.problems[0].place).toHaveProperty('start.line');
  });

  const hostile: [string, string, RegExp][] = [
    ['a mapping nested 1,000 levels', Array.from({ length: 1000 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' x', /too large|nested deeper than 64/],
    ['a mapping nested 200 levels', Array.from({ length: 200 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' x', /nested deeper than 64/],
    ['a list nested 1,000 levels on one line', `a:\n  ${'- '.repeat(1000)}x`, /nested deeper than 64/],
    ['flow brackets nested 1,000 levels', `a: ${'['.repeat(1000)}${']'.repeat(1000)}`, /brackets nested deeper than 64/],
    ['a billion laughs', `a: &a [x, x, x, x, x, x, x, x, x]\n${Array.from({ length: 60 }, (_, i) => `b${i}: [*a, *a]`).join('\n')}`, /more than 50 aliases/],
    ['a 300 KiB block', `a: "${'x'.repeat(300 * 1024)}"`, /too large/],
    // Issue 33: bare CR line breaks hid the aliases from the count (exit 2, RangeError, 3.7 GB).
    ['60 aliases behind bare CR line breaks', `a: &a [x, x, x, x, x, x, x, x, x]\r${Array.from({ length: 60 }, (_, i) => `b${i}:\r  - *a\r  - *a`).join('\r')}`, /more than 50 aliases/],
    ['60 aliases behind CRLF line breaks', `a: &a [x, x]\r\n${Array.from({ length: 60 }, (_, i) => `b${i}: [*a, *a]`).join('\r\n')}`, /more than 50 aliases/],
    // Under the alias cap, but each alias names the one before twice: 2^44 values (58 s and 2.5 GB before).
    ['a 45-alias tree in `cost:`', `id: AL1\nl0: &l0 [data, data]\n${Array.from({ length: 22 }, (_, i) => `l${i + 1}: &l${i + 1} [*l${i}, *l${i}]`).join('\n')}\ncost: [*l22, *l22]`, /more than 10000 values once its aliases are expanded/],
  ];
  for (const [name, yaml, message] of hostile) {
    it(`refuses ${name} with one positioned problem`, () => {
      const fm = readFrontmatter(yaml, 1, 4);
      expect(fm.problems).toHaveLength(1);
      expect(fm.problems[0].message).toMatch(message);
      expect(fm.problems[0].place).toHaveProperty('line');
      expect(fm.data).toEqual({});
    });
  }
});
