/**
 * The thread that proves signature regexes free of catastrophic backtracking with recheck. Loading its 2.6 MB
 * of Scala.js and running the proofs took 0.7 s of a cold lint of the corpus on the main thread; here they
 * run beside the parsing of the files that follow. recheck picks its own backend: its native agent when the
 * platform package is installed, otherwise its JavaScript build.
 */
import { createRequire } from 'node:module';
import { parentPort } from 'node:worker_threads';

export interface Verdict {
  status: 'safe' | 'vulnerable' | 'unknown';
  /** For `vulnerable`: `exponential` or `polynomial`. */
  complexity?: string;
  /** For `vulnerable`: an input that shows it, when recheck found one. */
  attack?: string;
  /** For `unknown`: why no proof was reached. */
  error?: string;
}

export interface Question {
  id: number;
  source: string;
  flags: string;
}

const { check } = createRequire(import.meta.url)('recheck') as typeof import('recheck');

async function judge(source: string, flags: string): Promise<Verdict> {
  // The automaton checker decides exactly, in milliseconds a pattern once loaded. recheck's default ("auto")
  // fuzzes most patterns instead: about a second each, and under load it ran out of time and answered
  // "unknown". Its one limit, back-references and lookarounds, is refused before a pattern gets here.
  const result = await check(source, flags, { timeout: 10_000, checker: 'automaton' });
  if (result.status === 'vulnerable') return { status: 'vulnerable', complexity: result.complexity.type, attack: result.attack?.pattern };
  if (result.status === 'unknown') return { status: 'unknown', error: result.error.kind };
  return { status: 'safe' };
}

// One proof at a time: recheck's agent runs concurrent questions side by side, and on two cores that took the
// core the parse needs (a cold lint of the corpus: 2.5-2.8 s with all at once, 2.2-2.4 s one by one).
let queue: Promise<unknown> = Promise.resolve();
parentPort!.on('message', ({ id, source, flags }: Question) => {
  queue = queue.then(() => judge(source, flags)).then(
    (verdict) => parentPort!.postMessage({ id, verdict }),
    (error: unknown) => parentPort!.postMessage({ id, verdict: { status: 'unknown', error: (error as Error).message ?? String(error) } }),
  );
});
