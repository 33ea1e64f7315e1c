/**
 * Vetting one regex signature: it compiles, stays inside what `grep -E` reads (the box script greps the
 * exported signatures), and cannot backtrack catastrophically. The backtracking proof is recheck's
 * (https://makenowjust-labs.github.io/recheck/), on a thread of its own (recheck-worker.ts) that starts on
 * the first pattern to prove; verdicts are kept per process, and the linter's file cache keeps them across
 * runs.
 */
import { Worker } from 'node:worker_threads';
import type { Question, Verdict } from './recheck-worker.ts';

/** Constructs JavaScript reads but POSIX ERE does not, with what to write instead. */
const NOT_ERE: [RegExp, string, string][] = [
  [/\(\?/, 'group modifier or lookaround `(?…)`', 'a plain group'],
  [/\\[dDwWsSbB]/, 'shorthand class (`\\d`, `\\w`, `\\s`, `\\b`)', '`[0-9]`, `[A-Za-z0-9_]` or a literal space'],
  [/[*+?}]\?/, 'lazy quantifier', 'a bounded repeat such as `.{0,80}`'],
  [/\\[1-9]/, 'back-reference', 'a literal'],
];

/** Why a regex signature is refused before any proof (it does not compile, or is not POSIX ERE), or undefined. */
export function refuseRegex(source: string, flags = ''): string | undefined {
  try {
    new RegExp(source, flags);
  } catch (e) {
    return `Invalid regex \`${source}\`: ${(e as Error).message.replace(/^Invalid regular expression: /, '')}`;
  }
  const unescaped = source.replace(/\\\\/g, '');
  for (const [re, what, instead] of NOT_ERE) if (re.test(unescaped)) return `Unexpected ${what} in regex \`${source}\`, expected POSIX ERE (the box script greps with \`grep -E\`): use ${instead}`;
  return undefined;
}

const proofs = new Map<string, Promise<string | undefined>>();

/** Why a regex that `refuseRegex` let through could backtrack catastrophically, or undefined when it cannot. */
export function proveLinear(source: string, flags = ''): Promise<string | undefined> {
  const key = `${flags}/${source}`;
  let proof = proofs.get(key);
  if (!proof) {
    proof = ask(source, flags).then((verdict) => problemOf(source, verdict));
    proofs.set(key, proof);
  }
  return proof;
}

function problemOf(source: string, verdict: Verdict): string | undefined {
  if (verdict.status === 'vulnerable') {
    const attack = verdict.attack ? `, e.g. on \`${verdict.attack}\`` : '';
    return `Unexpected catastrophic backtracking (${verdict.complexity}) in regex \`${source}\`${attack}, expected a linear pattern: prefer a literal, or bound repeats (\`.{0,80}\`) and anchor the start`;
  }
  if (verdict.status === 'unknown') return `Could not prove regex \`${source}\` free of catastrophic backtracking (${verdict.error}), expected a simpler pattern or a literal`;
  return undefined;
}

let prover: ((source: string, flags: string) => Promise<Verdict>) | undefined;

/** One question to the proving thread, started on the first one. */
function ask(source: string, flags: string): Promise<Verdict> {
  prover ??= startProver();
  return prover(source, flags);
}

function startProver(): (source: string, flags: string) => Promise<Verdict> {
  const thread = new Worker(new URL('./recheck-worker.ts', import.meta.url));
  const waiting = new Map<number, (verdict: Verdict) => void>();
  let nextId = 0;
  // The thread holds the process open only while an answer is owed: a finished lint exits at once.
  thread.on('message', ({ id, verdict }: { id: number; verdict: Verdict }) => {
    waiting.get(id)?.(verdict);
    waiting.delete(id);
    if (waiting.size === 0) thread.unref();
  });
  // A thread that dies (recheck missing, out of memory) answers its open questions "unknown", which the rule
  // reports; the next question starts a new thread.
  const fail = (why: string) => {
    for (const resolve of waiting.values()) resolve({ status: 'unknown', error: why });
    waiting.clear();
    if (prover === question) prover = undefined;
  };
  thread.on('error', (error: Error) => fail(error.message));
  thread.on('exit', (code) => fail(`the proving thread exited with code ${code}`));
  const question = (source: string, flags: string) =>
    new Promise<Verdict>((resolve) => {
      thread.ref();
      const id = nextId++;
      waiting.set(id, resolve);
      thread.postMessage({ id, source, flags } satisfies Question);
    });
  return question;
}
