/** The worker thread of site/lib/stamps.ts: collects the staleness report and posts it back once. */
import { parentPort, workerData } from 'node:worker_threads';
import { stampReport } from './stamps.ts';

const { root, today } = workerData as { root: string; today: string };
parentPort?.postMessage(await stampReport(root, today));
