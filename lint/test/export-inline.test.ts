/**
 * `inline()` returns plain text without parsing when the text holds no inline syntax. Whatever it returns
 * must be what parsing would give: checked on every title in the corpus and on generated text built from
 * the characters that matter to the parser.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import type { Nodes, PhrasingContent } from 'mdast';
import { describe, expect, it } from 'vitest';
import { htmlAsText, inline, paragraph, print, text } from '../src/export/markdown.ts';
import { parseMarkdown } from '../src/markdown/parse.ts';

const CONTENT = fileURLToPath(new URL('../../content/', import.meta.url));

/** What `inline` gave before it had a shortcut: always a parse (raw HTML kept as text). */
function parsed(markdown: string): PhrasingContent[] {
  const first = parseMarkdown(markdown).children[0];
  return first?.type === 'paragraph' ? first.children.map(htmlAsText) : [text(markdown)];
}

const withoutPositions = (nodes: Nodes[]): unknown =>
  nodes.map(({ position: _, ...rest }) => ('children' in rest ? { ...rest, children: withoutPositions(rest.children as Nodes[]) } : rest));

const same = (markdown: string) => expect(withoutPositions(inline(markdown)), JSON.stringify(markdown)).toEqual(withoutPositions(parsed(markdown)));

const pieces = [
  'word', 'GPU', ' ', '  ', '\t', '\n', '\r\n', '\u00a0', '\u0000', '—', 'é', '`', '``', '*', '_', '~', '~~', '[', ']', '(', ')', '!', '<', '>',
  '&', '&amp;', '\\', '#', '# ', '- ', '1. ', '> ', '=', '---', '|', ':', '@', 'a@b.co', 'www.', 'www.x.org', 'http://x', 'HTTPS://X', 'mailto:', '.', ',', '"', "'",
];

describe('inline()', () => {
  it('reads every title in the corpus as the parser does', () => {
    const titles = readdirSync(CONTENT, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.md'))
      .map((f) => /^title:\s*(.+)$/m.exec(readFileSync(join(CONTENT, f), 'utf8'))?.[1])
      .filter((t): t is string => !!t)
      .map((t) => (/^(['"]).*\1$/.test(t) ? t.slice(1, -1) : t));
    expect(titles.length).toBeGreaterThan(300);
    for (const t of titles) same(t);
  });

  it('reads generated text as the parser does', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 12 }), (parts) => {
        same(parts.join(''));
      }),
      { numRuns: 5000, seed: 20261129 },
    );
  });

  it('gives each caller its own nodes, also for a title it has parsed before', () => {
    const first = inline('`torch.save` fails with [a link](gotcha:U6)');
    (first[0] as { value: string }).value = 'changed';
    const link = first.find((n) => n.type === 'link')!;
    link.url = 'https://changed.test/';
    const second = inline('`torch.save` fails with [a link](gotcha:U6)');
    expect(withoutPositions(second)).toEqual(withoutPositions(parsed('`torch.save` fails with [a link](gotcha:U6)')));
  });

  it('keeps raw HTML in a title as text, so an export shows it and a Markdown viewer does not run it', () => {
    const title = 'Disk full </title><script>alert(1)</script> <img src=//outside.example/x.png> `<b>`';
    const nodes = inline(title);
    expect(nodes.map((n) => n.type)).not.toContain('html');
    const printed = print({ type: 'root', children: [paragraph(nodes)] });
    expect(parseMarkdown(printed).children.flatMap((p) => ('children' in p ? p.children.map((n) => n.type) : []))).not.toContain('html');
    expect(printed).toContain('`<b>`');
  });
});
