/**
 * The linter's modules form no import cycle, and no subcommand imports the CLI (issue 25): what they share
 * (Io, UsageError, VERSION) lives in io.ts. Imports are read from the sources as text, static, dynamic and
 * type-only alike, since a type-only cycle still ties two files together for a reader.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { globSync } from 'glob';
import { expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;

function graph(): Map<string, string[]> {
  const files = globSync('**/*.ts', { cwd: SRC, ignore: ['**/*.test.ts', '**/fixtures/**'] }).sort();
  const edges = new Map<string, string[]>();
  for (const file of files) {
    const text = readFileSync(join(SRC, file), 'utf8');
    const targets = [...text.matchAll(IMPORT)].map((m) => relative(SRC, resolve(dirname(join(SRC, file)), m[1] ?? m[2])));
    edges.set(file, targets.filter((t) => !t.startsWith('..')));
  }
  return edges;
}

/** Every cycle's members, found by depth-first search; each cycle reported once, from its smallest member. */
function cycles(edges: Map<string, string[]>): string[][] {
  const found = new Map<string, string[]>();
  const visit = (node: string, path: string[]) => {
    for (const next of edges.get(node) ?? []) {
      const at = path.indexOf(next);
      if (at !== -1) {
        const loop = path.slice(at);
        const start = loop.indexOf([...loop].sort()[0]);
        const canonical = [...loop.slice(start), ...loop.slice(0, start)];
        found.set(canonical.join(' → '), canonical);
      } else if (path.length < 40) visit(next, [...path, next]);
    }
  };
  for (const node of edges.keys()) visit(node, [node]);
  return [...found.values()];
}

it('finds a cycle when there is one', () => {
  const edges = new Map([['a.ts', ['b.ts']], ['b.ts', ['c.ts']], ['c.ts', ['a.ts']], ['d.ts', ['a.ts']]]);
  expect(cycles(edges)).toEqual([['a.ts', 'b.ts', 'c.ts']]);
});

it('lint/src has no import cycle', () => {
  const edges = graph();
  expect(edges.size).toBeGreaterThan(50);
  expect(cycles(edges).map((c) => c.join(' → '))).toEqual([]);
});

it('no module of lint/src imports cli.ts (only lint/bin.js starts it)', () => {
  const importers = [...graph()].filter(([, targets]) => targets.includes('cli.ts')).map(([file]) => file);
  expect(importers).toEqual([]);
});
