/**
 * Links between gotchas name their target (issue 23): content links by id ("see U33"), and the built page
 * gives such a link the target's title as tooltip and accessible name, on every page and for every id.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readGotchaTitles } from '../../lib/gotcha-link-titles.ts';
import { ROOT } from '../serve.ts';
import { builtSite } from './built.ts';
import { servedSite } from './served.ts';

const OUT = builtSite();
const titles = readGotchaTitles(join(ROOT, 'content'));
const site = servedSite();

const decode = (s: string) => s.replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16))).replace(/&quot;/g, '"').replace(/&amp;/g, '&');

describe('links to a gotcha by id', () => {
  it('carry the target title on every page', () => {
    let checked = 0;
    const bare: string[] = [];
    const pages = readdirSync(OUT, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('index.html'));
    for (const file of pages) {
      const html = readFileSync(join(OUT, file), 'utf8');
      const start = html.indexOf('class="sl-markdown-content"');
      if (start < 0) continue;
      // The page's content column: rendered Markdown, and the ids that pages list themselves (templates).
      const body = html.slice(start, html.indexOf('</main>'));
      const dir = file;
      for (const m of body.matchAll(/<a href="\/gotchas\/([a-z0-9]+)\/(?:#[^"]*)?"([^>]*)>([A-Z0-9]+)<\/a>/g)) {
        const [, slug, attrs, text] = m;
        // The breadcrumb's last step is the page itself.
        if (text.toLowerCase() !== slug || attrs.includes('aria-current="page"')) continue;
        checked++;
        const label = `${text} — ${titles.get(text)}`;
        const title = /title="([^"]*)"/.exec(attrs)?.[1];
        const aria = /aria-label="([^"]*)"/.exec(attrs)?.[1];
        if (title === undefined || decode(title) !== label || aria === undefined || decode(aria) !== label) bare.push(`${dir}: ${m[0]}`);
      }
    }
    expect(checked).toBeGreaterThan(1200);
    expect(bare.slice(0, 5), `${bare.length} links without their target's title`).toEqual([]);
  });

  it('are announced with the title and show it on hover', async () => {
    const page = await site.browser.newPage();
    try {
      await page.goto(`${site.server.url}/gotchas/u6/`);
      const name = `U33 — ${titles.get('U33')}`;
      const link = page.locator('.sl-markdown-content').getByRole('link', { name, exact: true }).first();
      expect(await link.textContent()).toBe('U33');
      expect(await link.getAttribute('title')).toBe(name);
    } finally {
      await page.close();
    }
  });
});
