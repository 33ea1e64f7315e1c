/**
 * The built site behind a local server and one Chromium, started before a test file's tests and stopped after
 * them; a file that needs both calls `servedSite()` at its top level.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launch } from '../browser.ts';
import { preview, type Preview } from '../serve.ts';
import { builtSite } from './built.ts';

export interface ServedSite { server: Preview; browser: Browser }

export function servedSite(): ServedSite {
  const served = {} as ServedSite;
  beforeAll(async () => {
    served.server = await preview(builtSite());
    served.browser = await launch();
  });
  afterAll(async () => {
    await served.browser?.close();
    await served.server?.stop();
  });
  return served;
}
