/**
 * Screenshots of the key pages at phone and laptop widths, for looking at the site by eye:
 * `npm run screenshots` (after `npm run build`) writes PNGs to .cache/screenshots/; give paths to shoot others.
 * `npm run screenshots -- --readme` refreshes the README's picture of a gotcha page (docs/img/gotcha-page.png).
 */
import { mkdirSync } from 'node:fs';
import { launch } from './browser.ts';
import { preview, ROOT } from './serve.ts';

const args = process.argv.slice(2);
const readme = args.includes('--readme');
const paths = args.filter((a) => a !== '--readme');
const pages = paths.length
  ? paths
  : ['/', '/gotchas/', '/gotchas/u6/', '/profiles/runpod/', '/compare/survival/', '/compare/checklist/', '/training/', '/templates/', '/templates/run_one-sh-template/', '/diagnose/', '/staleness/', '/no-such-page/'];
const out = `${ROOT}.cache/screenshots`;
mkdirSync(out, { recursive: true });
const server = await preview();
const browser = await launch();
try {
  if (readme) {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(`${server.url}/gotchas/u6/`);
    await page.screenshot({ path: `${ROOT}docs/img/gotcha-page.png` });
    console.log(`${ROOT}docs/img/gotcha-page.png`);
    await page.close();
  } else {
    for (const [name, viewport] of [['laptop', { width: 1366, height: 768 }], ['phone', { width: 390, height: 844 }]] as const) {
      const page = await browser.newPage({ viewport });
      for (const path of pages) {
        await page.goto(server.url + path);
        const file = `${out}/${name}${path.replace(/\//g, '_') || '_'}.png`;
        await page.screenshot({ path: file, fullPage: false });
        console.log(file);
      }
      await page.close();
    }
  }
} finally {
  await browser.close();
  await server.stop();
}
