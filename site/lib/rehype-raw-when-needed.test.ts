import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMarkdownProcessor } from '@astrojs/markdown-remark';
import fc from 'fast-check';
import { fromHtml } from 'hast-util-from-html';
import type { Root } from 'hast';
import { describe, expect, it } from 'vitest';
import { guideRemarkPlugins } from './markdown-plugins.ts';
import { rehypeGotchaSections } from './rehype-gotcha-sections.ts';
import { rehypeRawWhenNeeded } from './rehype-raw-when-needed.ts';

const ROOT = join(import.meta.dirname, '../..');

/** Astro's own Markdown processor with the site's plugins (astro.config.mjs), with or without the skip. */
async function renderer(skip: boolean, extra: (() => (tree: Root) => void)[] = []) {
  const { render } = await createMarkdownProcessor({
    smartypants: false,
    remarkPlugins: guideRemarkPlugins('/'),
    rehypePlugins: [rehypeGotchaSections, ...extra, ...(skip ? [rehypeRawWhenNeeded] : [])],
  });
  return async (markdown: string, path = join(ROOT, 'content/gotchas/universal/x.md')) => (await render(markdown, { fileURL: pathToFileURL(path) })).code;
}

const body = (source: string) => source.replace(/^---\n[\s\S]*?\n---\n/, '');

/**
 * The document a browser builds from the HTML. Skipping the round trip can change bytes but not this: a
 * boolean data attribute from a plugin (GFM footnotes' `data-footnote-ref`) is written bare instead of `=""`.
 */
const dom = (html: string) => JSON.parse(JSON.stringify(fromHtml(html, { fragment: true }), (key, value) => (key === 'position' ? undefined : value)));

describe('rehypeRawWhenNeeded', () => {
  it('renders every content file and lint rule doc to the same HTML as rehype-raw does, byte for byte', async () => {
    const [plain, skipping] = await Promise.all([renderer(false), renderer(true)]);
    const files = [
      ...readdirSync(join(ROOT, 'content'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.md')).map((f) => join(ROOT, 'content', f)),
      ...readdirSync(join(ROOT, 'lint/src/rules'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('docs.md')).map((f) => join(ROOT, 'lint/src/rules', f)),
    ];
    expect(files.length).toBeGreaterThan(350);
    for (const file of files) {
      const markdown = body(readFileSync(file, 'utf8'));
      expect(await skipping(markdown, file), file).toBe(await plain(markdown, file));
    }
  });

  it('renders generated Markdown, with and without raw HTML, to the same document as rehype-raw does', async () => {
    const [plain, skipping] = await Promise.all([renderer(false), renderer(true)]);
    const part = fc.constantFrom(
      '# Title {#id}', '## Fix', 'text & more', '&amp; &lt;b&gt; &#169;', '*em* **strong** ~~del~~', '`code <b>`', '[a](gotcha:U6)', '<https://example.com>',
      'www.example.com', '- item\n- [ ] task', '1. one\n2. two', '> quote', '| a | b |\n| - | - |\n| 1 | <br> |', '```bash\necho "$HOME" && ls\n```',
      '    indented', '---', 'line  \nbreak', '[^1]\n\n[^1]: note', '<kbd>Ctrl</kbd>', '<details><summary>s</summary>\n\nbody\n\n</details>', '<!-- comment -->', '<div>\n*x*\n</div>',
    );
    await fc.assert(
      fc.asyncProperty(fc.array(part, { maxLength: 8 }), async (parts) => {
        const markdown = parts.join('\n\n');
        expect(dom(await skipping(markdown))).toEqual(dom(await plain(markdown)));
      }),
      { numRuns: 300 },
    );
  });

  it('takes effect in Astro’s processor: a tree without raw HTML is left as the plugins made it', async () => {
    // A paragraph holding a div is not valid HTML: parse5, and so rehype-raw, would close the paragraph first.
    const nest = () => (tree: Root) => {
      tree.children.push({ type: 'element', tagName: 'p', properties: {}, children: [{ type: 'element', tagName: 'div', properties: {}, children: [{ type: 'text', value: 'x' }] }] });
    };
    expect(await (await renderer(false, [nest]))('Hi')).toContain('<p></p><div>x</div><p></p>');
    expect(await (await renderer(true, [nest]))('Hi')).toContain('<p><div>x</div></p>');
    // With raw HTML in the page, the round trip still happens.
    expect(await (await renderer(true, [nest]))('Hi <kbd>K</kbd>')).toContain('<p></p><div>x</div><p></p>');
  });
});
