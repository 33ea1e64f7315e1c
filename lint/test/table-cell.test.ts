/**
 * The one table-cell function, checked the way a reader meets its output: each cell is put between two others
 * in a GitHub-flavoured Markdown table, parsed with remark-gfm, and must come back as one cell of one row
 * holding the text as written (whitespace folded). The stale report and the GitHub summary are checked
 * through their own formatters, and the TSV form through the signatures download's reading (split on tabs).
 */
import type { Root, Table } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { formatGithubSummary } from '../src/formatters/github.ts';
import type { StaleEntry } from '../src/stale/collect.ts';
import { formatStaleMarkdown } from '../src/stale/report.ts';
import { tableCell } from '../src/table-cell.ts';

const parser = unified().use(remarkParse).use(remarkGfm);

/** The cells of each body row of the first table in `markdown`, as text. */
function bodyCells(markdown: string): string[][] {
  const table = (parser.parse(markdown) as Root).children.find((n): n is Table => n.type === 'table');
  if (!table) throw new Error(`no table in:\n${markdown}`);
  return table.children.slice(1).map((row) => row.children.map((cell) => toString(cell)));
}

const HOSTILE: [string, string][] = [
  ['a | b', 'a | b'],
  ['a \\| b', 'a \\| b'],
  ['ends in a backslash \\', 'ends in a backslash \\'],
  ['\\', '\\'],
  ['| leading and trailing |', '| leading and trailing |'],
  ['line\nbreak\r\nand\rcarriage\treturn', 'line break and carriage return'],
  ['code `a|b` and `c\\d`', 'code a|b and c\\d'],
  // GFM cannot show a backslash right before a pipe in code in a table: it shows twice, and the row holds.
  ['code `e\\|f` and `g\\\\|h`', 'code e\\\\|f and g\\\\\\\\|h'],
  ['``x|`y`` and a lone ` backtick | here', 'x|`y and a lone ` backtick | here'],
  ['--- | :-: |', '--- | :-: |'],
];

describe('tableCell (Markdown)', () => {
  it.each(HOSTILE)('keeps %j one cell, reading as written', (text, reads) => {
    const cell = tableCell(text);
    expect(cell).not.toMatch(/[\r\n\t]/);
    const rows = bodyCells(`| before | text | after |\n| --- | --- | --- |\n| x | ${cell} | y |\n`);
    expect(rows).toEqual([['x', reads, 'y']]);
  });

  it('cuts long text at `max` characters with an ellipsis, before escaping', () => {
    expect(tableCell('one two three four', { max: 9 })).toBe('one two…');
    expect(tableCell('a|b|c|d', { max: 4 })).toBe('a\\|b…');
    expect(tableCell('short', { max: 9 })).toBe('short');
  });
});

describe('tableCell (TSV)', () => {
  it('turns tabs and line breaks into one space and keeps everything else, so a pattern still matches', () => {
    expect(tableCell('CUDA error: (out of memory|OOM)\\.', { format: 'tsv' })).toBe('CUDA error: (out of memory|OOM)\\.');
    expect(tableCell('two  spaces\tand\r\na tab', { format: 'tsv' })).toBe('two  spaces and a tab');
    const row = ['X1', 'regex', 'a\tb|c\nd', 'Title'].map((f) => tableCell(f, { format: 'tsv' })).join('\t');
    expect(row.split('\t')).toEqual(['X1', 'regex', 'a b|c d', 'Title']);
  });
});

describe('GitHub job summary table', () => {
  it('keeps a message with a backslash-pipe or a bare carriage return in its row', () => {
    const finding = (message: string) => ({ severity: 'error', file: 'content/a.md', line: 3, column: 1, ruleId: 'no-todo', url: 'https://example.org/r', message }) as never;
    const summary = formatGithubSummary([finding('pattern a\\|b is odd'), finding('first\rsecond | third')]);
    expect(bodyCells(summary)).toEqual([
      ['error', 'content/a.md:3:1', 'pattern a\\|b is odd', 'no-todo'],
      ['error', 'content/a.md:3:1', 'first second | third', 'no-todo'],
    ]);
  });
});

describe('stale report table', () => {
  it('keeps a fact with pipes, backslashes and line breaks in its row, cut to length', () => {
    const entry: StaleEntry = {
      file: 'content/gotchas/a/a1-x.md', line: 4, column: 1, source: 'frontmatter', fact: 'grep -E `a|b` then\nsplit \\| here\r\nend',
      month: '2026-01', age: 11, platforms: ['all'], risk: 'other', quoted: false, sources: ['https://example.org/docs'],
    };
    const rows = bodyCells(formatStaleMarkdown([entry], { maxAge: 6, today: '2026-12' }));
    const row = rows.find((r) => r.some((c) => c.startsWith('grep -E')));
    // Seven columns, as the header has: nothing in the fact split its row.
    expect(row).toHaveLength(7);
    expect(row!.find((c) => c.startsWith('grep -E'))).toBe('grep -E a|b then split \\| here end');
  });
});
