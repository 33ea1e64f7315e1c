/**
 * Screenshots of the key pages at desktop and mobile widths, for looking at the site by eye:
 * `npm run screenshots` (after `npm run build`) writes PNGs to .cache/screenshots/.
 */
import { mkdirSync } from 'node:fs';
import { launch } from './browser.ts';
import { preview, ROOT } from './serve.ts';

const pages = process.argv.slice(2).length ? process.argv.slice(2) : ['/', '/gotchas/', '/gotchas/u6/', '/profiles/runpod/', '/compare/survival/', '/compare/checklist/', '/training/', '/templates/run_one-sh-template/'];
const out = `${ROOT}.cache/screenshots`;
mkdirSync(out, { recursive: true });
const server = await preview();
const browser = await launch();
try {
  for (const [name, viewport] of [['desktop', { width: 1280, height: 900 }], ['mobile', { width: 390, height: 844 }]] as const) {
    const page = await browser.newPage({ viewport });
    for (const path of pages) {
      await page.goto(server.url + path);
      const file = `${out}/${name}${path.replace(/\//g, '_') || '_'}.png`;
      await page.screenshot({ path: file, fullPage: false });
      console.log(file);
    }
    await page.close();
  }
} finally {
  await browser.close();
  await server.stop();
}
