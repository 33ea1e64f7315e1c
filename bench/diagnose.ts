/**
 * Diagnosis speed: the shared engine on generated logs of 10,000 and 100,000 lines, and on a hostile paste
 * (100,000 lines with megabyte-long and regex-bait lines), in Node and in the browser (the built site's
 * Paste your log page in Chromium, timed by the page itself around the round trip to its engine worker,
 * with the longest stall of the page's main thread meanwhile). Target: under 200 ms for 10,000 lines in the
 * browser, cost linear in size, and a hostile paste that never freezes the page. Then the speeds a reader
 * feels (diagnose-latency.ts): the CLI against `node -e 0` (target ≤ 3×), the MCP server's first answer, and
 * paste-to-first-result in the search box (target p90 ≤ 500 ms). Prints medians; never fails.
 *
 * Usage: node bench/diagnose.ts [--dist DIR] [--repeat N] [--no-browser]
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { diagnose } from '../lint/src/diagnose/engine.ts';
import { loadDiagnosisIndex } from '../lint/src/diagnose/from-corpus.ts';
import { launch } from '../site/test/browser.ts';
import { preview, ROOT, siteDist } from '../site/test/serve.ts';
import { cliRatio, mcpFirstAnswer, searchBoxPaste } from './diagnose-latency.ts';
import { spawnSync } from 'node:child_process';

/** A training log of `lines` lines: progress, warnings, NCCL chatter, and real error tails spread through. */
export function generateLog(lines: number, hostile = false): string {
  const tails = readdirSync(join(ROOT, 'evals/logs')).sort().map((f) => readFileSync(join(ROOT, 'evals/logs', f), 'utf8').trimEnd().split('\n'));
  const out: string[] = [];
  let t = 0;
  for (let i = 0; out.length < lines; i++) {
    if (hostile && i % 5000 === 0) out.push(`${'a'.repeat(1_000_000)}!`, `${'('.repeat(20_000)}${'a+'.repeat(20_000)}`, `[rank0]: ${'Error: '.repeat(4000)}`);
    else if (i % 997 === 0) out.push(...tails[t++ % tails.length]);
    else if (i % 50 === 0) out.push(`[rank${i % 8}]: UserWarning: The epoch parameter in \`scheduler.step()\` was not necessary and is being deprecated (step ${i})`);
    else if (i % 13 === 0) out.push(`node-a:${3000 + (i % 8)}:${3100 + (i % 8)} [${i % 8}] NCCL INFO Channel ${String(i % 32).padStart(2, '0')}/32 : 0[${i % 8}] -> 1[${(i + 1) % 8}] via P2P/IPC`);
    else out.push(`step ${i} | loss ${(2 + Math.sin(i / 100)).toFixed(4)} | lr 3.0e-04 | ${(1.2 + (i % 7) / 10).toFixed(2)} it/s | mem 61.3 GiB`);
  }
  return out.slice(0, lines).join('\n');
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const { values } = parseArgs({ options: { dist: { type: 'string' }, repeat: { type: 'string', default: '5' }, 'no-browser': { type: 'boolean', default: false } } });
  const repeat = Math.max(1, Number(values.repeat));
  const index = await loadDiagnosisIndex(ROOT);
  const logs: [string, string][] = [
    ['10,000 lines', generateLog(10_000)],
    ['100,000 lines', generateLog(100_000)],
    ['hostile 100,000 lines', generateLog(100_000, true)],
  ];
  const rows: string[][] = [];
  for (const [name, text] of logs) {
    diagnose(text, index); // warm-up: the first call also compiles the signatures
    const times: number[] = [];
    for (let i = 0; i < repeat; i++) {
      const t = performance.now();
      diagnose(text, index);
      times.push(performance.now() - t);
    }
    rows.push([name, `${(text.length / 1e6).toFixed(1)} MB`, `${median(times).toFixed(0)} ms`]);
  }
  // The speeds a reader feels. The CLI with the project's Node, and with the first `node` on PATH when that
  // is another one (an older Node re-runs kb-lint under the project's, so it pays two starts).
  const cli = [cliRatio(process.execPath, Math.max(repeat, 10))];
  const pathNode = spawnSync('sh', ['-c', 'command -v node'], { encoding: 'utf8' }).stdout.trim();
  if (pathNode && spawnSync(pathNode, ['--version'], { encoding: 'utf8' }).stdout.trim() !== process.version) cli.push(cliRatio(pathNode, Math.max(repeat, 10)));
  const mcp = await mcpFirstAnswer(Math.max(3, Math.min(repeat, 5)));
  let paste: Awaited<ReturnType<typeof searchBoxPaste>> | undefined;
  if (!values['no-browser']) {
    const dist = await siteDist(values.dist, 'bench-diagnose-dist');
    const server = await preview(dist);
    const browser = await launch();
    try {
      const page = await browser.newPage();
      await page.goto(`${server.url}/diagnose/`);
      for (const [i, [, text]] of logs.entries()) {
        const times: number[] = [];
        const stalls: number[] = [];
        for (let r = 0; r < repeat; r++) {
          await page.evaluate((t) => {
            document.getElementById('diagnose-output')!.replaceChildren();
            const box = document.getElementById('diagnose-log') as HTMLTextAreaElement;
            box.focus();
            // The longest gap between 10 ms ticks while the log is read: how long the page stopped answering.
            const w = window as unknown as { stall: number; tick: number };
            let last = performance.now();
            w.stall = 0;
            w.tick = window.setInterval(() => {
              const now = performance.now();
              w.stall = Math.max(w.stall, now - last);
              last = now;
            }, 10);
            // Pasted as a reader pastes: a paste event carrying the clipboard's text.
            const clipboard = new DataTransfer();
            clipboard.setData('text/plain', t);
            box.dispatchEvent(new ClipboardEvent('paste', { clipboardData: clipboard, bubbles: true, cancelable: true }));
          }, text);
          await page.locator('#diagnose-output .diagnose-summary').waitFor({ timeout: 60_000 });
          const status = (await page.locator('#diagnose-status').textContent()) ?? '';
          times.push(Number(/Done in (\d+) ms/.exec(status)?.[1] ?? NaN));
          stalls.push(await page.evaluate(() => {
            const w = window as unknown as { stall: number; tick: number };
            clearInterval(w.tick);
            return w.stall;
          }));
        }
        rows[i].push(`${median(times).toFixed(0)} ms`, `${median(stalls).toFixed(0)} ms`);
      }
      await page.close();
      paste = await searchBoxPaste(browser, server.url, 3);
    } finally {
      await browser.close();
      await server.stop();
    }
  }
  console.log(`diagnosis, median of ${repeat} (engine only; the browser figure is the page's own timing around it)`);
  console.log(['log', 'size', 'Node', 'Chromium (worker, round trip)', 'Chromium longest main-thread stall'].join(' | '));
  for (const r of rows) console.log(r.join(' | '));
  console.log('\nat the moment of need');
  for (const c of cli) console.log(`CLI \`kb-lint diagnose <short log>\` ÷ \`node -e 0\`, ${c.node}: ${c.cliMs.toFixed(0)} ms ÷ ${c.nodeMs.toFixed(0)} ms = ${c.ratio.toFixed(2)}× (target ≤ 3×)`);
  console.log(`MCP server, spawn to first diagnose_log answer: ${mcp.toFixed(0)} ms (median)`);
  if (paste) console.log(`search box, paste to first result (Chromium, warm page, ${paste.n} pastes): p50 ${paste.p50.toFixed(0)} ms, p90 ${paste.p90.toFixed(0)} ms (target p90 ≤ 500 ms)`);
}

if (import.meta.main) await main();
