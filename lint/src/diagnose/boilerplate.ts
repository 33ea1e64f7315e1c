/**
 * Boilerplate: lines that every error of a library prints whatever went wrong (`run with NCCL_DEBUG=INFO for
 * details`, torchrun's `ChildFailedError` frame). They tell a reader which library spoke, not what broke, so
 * the engine lets them count for little. Two sources: the library's own fixed sentences, listed here, and
 * the lines learned from the real-report corpus's train split (boilerplate-data.ts, written by
 * `npm run learn:boilerplate`: a line seen in reports of several different causes). Pure.
 */
import { BOILERPLATE_LINES, TERM_WEIGHTS } from './boilerplate-data.ts';
import { normalise } from './lines.ts';
import { foldLine } from './signature-match.ts';

/** Fixed sentences of PyTorch, NCCL, CUDA and the launchers that come with every error of their kind. */
export const LIBRARY_BOILERPLATE = [
  'run with nccl_debug=info for details',
  'cuda kernel errors might be asynchronously reported at some other api call',
  'for debugging consider passing cuda_launch_blocking=1',
  'compile with `torch_use_cuda_dsa` to enable device-side assertions',
  'torch.distributed.elastic.multiprocessing.errors.childfailederror',
  'raise childfailederror(',
  'root cause (first observed failure)',
  'to enable traceback see: https://pytorch.org/docs/stable/elastic/errors.html',
  '<no_other_failures>',
  'traceback (most recent call last)',
  'the above exception was the direct cause of the following exception',
  'during handling of the above exception, another exception occurred',
  'setting omp_num_threads environment variable for each process to be 1 in default',
  'to avoid data inconsistency, we are taking the entire process down',
  'due to the asynchronous nature of cuda kernels, subsequent gpu operations might run on corrupted/incomplete data',
  'nccl_debug=info',
  'error_file: <n/a>',
  'sending process',
  'closing process',
  'this may indicate a possible application crash on rank 0 or a network set up issue',
  'exception raised from',
  'frame #',
  'note: the above exception was',
  'please report this issue',
] as const;

const learned = new Set<string>(BOILERPLATE_LINES);

/** The key a line is learned and looked up by: its normalised, lower-case form. */
export const boilerplateKey = (text: string) => normalise(text).toLowerCase();

/** NCCL's trace of an error code climbing its call stack: `NCCL INFO init.cc:1350 -> 2`. */
const NCCL_UNWIND = /\bNCCL INFO [\w/.]{1,80}\.cc:\d{1,6} -> \d{1,4}/;

/** Whether a (prefix-stripped) log line is boilerplate. */
export function isBoilerplate(text: string): boolean {
  if (NCCL_UNWIND.test(text) || learned.has(boilerplateKey(text))) return true;
  const folded = foldLine(text);
  return LIBRARY_BOILERPLATE.some((b) => folded.includes(b));
}

/** How much a word of a log's error line counts, by how many different causes it came with in the corpus. */
export const termWeight = (word: string): number => (Object.hasOwn(TERM_WEIGHTS, word) ? TERM_WEIGHTS[word]! : 1);
