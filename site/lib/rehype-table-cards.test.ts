import { describe, expect, it } from 'vitest';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { rehypeTableCards } from './rehype-table-cards.ts';

const render = (md: string) => String(unified().use(remarkParse).use(remarkGfm).use(remarkRehype).use(rehypeTableCards).use(rehypeStringify).processSync(md));

describe('rehypeTableCards', () => {
  it('labels each body cell with its column heading and marks the table to stack on a phone', () => {
    const html = render('| Verb | Bills after? | What you lose |\n| --- | --- | --- |\n| Stop | storage | **the container disk** |\n');
    expect(html).toContain('<table class="stacks">');
    expect(html).toContain('<td data-label="Verb">Stop</td>');
    expect(html).toContain('<td data-label="What you lose"><strong>the container disk</strong></td>');
  });
  it('takes the heading text only, so markup in a heading does not reach the attribute', () => {
    const html = render('| `DATA_DIR` <b>x</b> | B |\n| --- | --- |\n| 1 | 2 |\n');
    expect(html).toContain('data-label="DATA_DIR x"');
  });
  it('labels a one-column table too', () => {
    const html = render('| A |\n| --- |\n| 1 |\n');
    expect(html).toContain('<td data-label="A">1</td>');
  });
});
