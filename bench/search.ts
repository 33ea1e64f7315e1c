/**
 * Search latency as a reader feels it: the built site's search modal in Chromium, from typing a query to the
 * results settling (the forgiving search's relaxed and widened passes included), for queries of each kind the
 * search handles differently: two words, three to six words of which the right page lacks one (widened by
 * leaving each word out in turn), a misspelled word (relaxed), and a pasted error line. Prints the median,
 * fastest and slowest of `--repeat` runs per query and which page came first; never fails.
 *
 * Usage: node bench/search.ts [--dist DIR] [--repeat N]
 */
import { parseArgs } from 'node:util';
import { searchInModal } from '../evals/run-search-evals.ts';
import { launch } from '../site/test/browser.ts';
import { preview, siteDist } from '../site/test/serve.ts';

const QUERIES: [string, string][] = [
  ['two words', 'nccl timeout'],
  ['two words', 'runpod volume'],
  ['one word the page lacks (widened)', 'all_reduce_perf busbw low'],
  ['one word the page lacks (widened)', 'eval score changes ema weights'],
  ['every word on the page', 'checkpoint gone after terminate'],
  ['misspelled word (relaxed)', 'evall mode dropout'],
  ['pasted error line', 'RuntimeError: CUDA error: no kernel image is available for execution on the device'],
];

const { values } = parseArgs({ options: { dist: { type: 'string' }, repeat: { type: 'string', default: '5' } } });
const repeat = Math.max(1, Number(values.repeat));
const server = await preview(await siteDist(values.dist, 'search-bench-dist'));
const browser = await launch();
try {
  const page = await browser.newPage();
  await page.goto(server.url);
  // The first search loads Pagefind's index chunks; readers pay it once per visit, so it is reported apart.
  const first = performance.now();
  await searchInModal(page, 'warm up');
  console.log(`first search of a visit (loads the index): ${(performance.now() - first).toFixed(0)} ms\n`);
  console.log('| query | kind | median ms | fastest | slowest | first result |\n| --- | --- | ---: | ---: | ---: | --- |');
  for (const [kind, query] of QUERIES) {
    const times: number[] = [];
    let top = '';
    for (let i = 0; i < repeat; i++) {
      await searchInModal(page, 'x');
      const start = performance.now();
      const { hrefs } = await searchInModal(page, query);
      times.push(performance.now() - start);
      top = new URL(hrefs[0] ?? server.url).pathname;
    }
    times.sort((a, b) => a - b);
    console.log(`| ${query} | ${kind} | ${times[Math.floor(times.length / 2)].toFixed(0)} | ${times[0].toFixed(0)} | ${times.at(-1)!.toFixed(0)} | ${top} |`);
  }
} finally {
  await browser.close();
  await server.stop();
}
