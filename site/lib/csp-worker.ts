/**
 * One worker of the CSP pass (site/lib/csp-inline-scripts.ts): rewrites the pages it is given in place and
 * answers with each page's policy, or with the first page's error.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { withInlineScriptHashes } from './csp-inline-scripts.ts';

const { paths, allowed } = workerData as { paths: string[]; allowed: string[] };
const scripts = new Set(allowed);
try {
  parentPort!.postMessage({
    policies: paths.map((path) => {
      const { html, policy } = withInlineScriptHashes(readFileSync(path, 'utf8'), scripts, relative(process.cwd(), path));
      writeFileSync(path, html);
      return policy;
    }),
  });
} catch (error) {
  parentPort!.postMessage({ error: error instanceof Error ? error.message : String(error) });
}
