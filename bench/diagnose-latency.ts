/**
 * The three speeds a reader feels when a run has just died (issue 29), for bench/diagnose.ts:
 *   - the CLI's wall time for one short log, as a multiple of `node -e 0` on the same Node (target ≤ 3×);
 *   - the MCP server's time from spawn to its first diagnose_log answer;
 *   - paste-to-first-result in the site's search box, Chromium, warm page (target p90 ≤ 500 ms).
 * The CLI and MCP figures are taken with the index cache warm (one call first), as every call after a
 * checkout's first is.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ROOT } from '../site/test/serve.ts';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p90 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.9) - 1)];

/** Wall time of one process run to its exit, in ms. */
function wall(cmd: string, args: string[]): number {
  const t = performance.now();
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = performance.now() - t;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

export interface CliFigures { node: string; cliMs: number; nodeMs: number; ratio: number }

/** `kb-lint diagnose` on one short log against `node -e 0`, medians of `repeat` runs, for the given Node. */
export function cliRatio(nodeBin: string, repeat: number): CliFigures {
  const dir = mkdtempSync(join(tmpdir(), 'bench-diagnose-'));
  const log = join(dir, 'oom.log');
  writeFileSync(log, '[rank0]: torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB\n');
  const args = [join(ROOT, 'lint/bin.js'), 'diagnose', log];
  wall(nodeBin, args); // builds the cache if content changed, and fills Node's compile cache
  const cli: number[] = [];
  const bare: number[] = [];
  // Interleaved, so a burst of load on the shared machine lands on both.
  for (let i = 0; i < repeat; i++) {
    cli.push(wall(nodeBin, args));
    bare.push(wall(nodeBin, ['-e', '0']));
  }
  const version = spawnSync(nodeBin, ['--version'], { encoding: 'utf8' }).stdout.trim();
  return { node: `${nodeBin} (${version})`, cliMs: median(cli), nodeMs: median(bare), ratio: median(cli) / median(bare) };
}

/** Spawn the MCP server and time until its first diagnose_log answer arrives; median of `repeat` starts. */
export async function mcpFirstAnswer(repeat: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i <= repeat; i++) {
    const client = new Client({ name: 'bench', version: '1.0.0' });
    const t = performance.now();
    await client.connect(new StdioClientTransport({ command: process.execPath, args: [join(ROOT, 'lint/bin.js'), 'mcp'], cwd: ROOT, stderr: 'ignore' }));
    const r = (await client.callTool({ name: 'diagnose_log', arguments: { log: 'torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB' } })) as { content: { text: string }[] };
    const ms = performance.now() - t;
    if (!JSON.parse(r.content[0].text).matches.length) throw new Error('the MCP server answered without a match');
    await client.close();
    if (i > 0) times.push(ms); // the first start may build the cache
  }
  return median(times);
}

/**
 * Paste each log of evals/logs into the search box of a warm page (modal open, engine worker and index
 * loaded by a first paste) and time, in the page, from the paste event to the first result on screen.
 */
export async function searchBoxPaste(browser: Browser, url: string, rounds: number): Promise<{ p50: number; p90: number; n: number }> {
  const logs = readdirSync(join(ROOT, 'evals/logs')).sort().map((f) => readFileSync(join(ROOT, 'evals/logs', f), 'utf8'));
  const page = await browser.newPage();
  await page.goto(`${url}/`);
  await page.locator('site-search button[data-open-modal]').first().click();
  await page.locator('#starlight__search input.pagefind-ui__search-input').waitFor({ state: 'visible' });
  const once = (text: string) =>
    page.evaluate(
      (t) =>
        new Promise<number>((resolve, reject) => {
          const host = document.querySelector<HTMLElement>('#starlight__search')!;
          host.querySelector('.paste-diagnosis')?.remove();
          const box = host.querySelector<HTMLInputElement>('input.pagefind-ui__search-input')!;
          const start = performance.now();
          const seen = new MutationObserver(() => {
            if (!host.querySelector('.paste-diagnosis .diagnose-summary')) return;
            seen.disconnect();
            resolve(performance.now() - start);
          });
          seen.observe(host, { childList: true, subtree: true });
          setTimeout(() => reject(new Error('no result within 10 s')), 10_000);
          box.focus();
          const clipboard = new DataTransfer();
          clipboard.setData('text/plain', t);
          box.dispatchEvent(new ClipboardEvent('paste', { clipboardData: clipboard, bubbles: true, cancelable: true }));
          box.value = t;
          box.dispatchEvent(new Event('input', { bubbles: true }));
        }),
      text,
    );
  await once(logs[0]); // warm: the worker starts and fetches the index once per page
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) for (const log of logs) times.push(await once(log));
  await page.close();
  return { p50: median(times), p90: p90(times), n: times.length };
}
