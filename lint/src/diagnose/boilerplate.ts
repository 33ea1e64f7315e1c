/**
 * Boilerplate: lines that every error of a library prints whatever went wrong (`run with NCCL_DEBUG=INFO for
 * details`, torchrun's `ChildFailedError` frame). They tell a reader which library spoke, not what broke, so
 * the engine lets them count for little. Two sources: the library's own fixed sentences, listed here, and
 * the lines learned from the real-report corpus's train split (boilerplate-data.ts, written by
 * `npm run learn:boilerplate`: a line seen in reports of several different causes). Pure.
 */
import { BOILERPLATE_LINES, TERM_WEIGHTS } from './boilerplate-data.ts';
import { maskVariables } from './lines.ts';

/**
 * Fixed sentences that PyTorch, NCCL and CUDA append to an error's own message: taken out of the line, so the
 * message around them still counts (`unhandled system error (run with NCCL_DEBUG=INFO for details)`).
 */
export const LIBRARY_BOILERPLATE = [
  'run with nccl_debug=info for details',
  'cuda kernel errors might be asynchronously reported at some other api call, so the stacktrace below might be incorrect.',
  'cuda kernel errors might be asynchronously reported at some other api call',
  'for debugging consider passing cuda_launch_blocking=1',
  'compile with `torch_use_cuda_dsa` to enable device-side assertions',
  'to enable traceback see: https://pytorch.org/docs/stable/elastic/errors.html',
  'due to the asynchronous nature of cuda kernels, subsequent gpu operations might run on corrupted/incomplete data',
  'to avoid data inconsistency, we are taking the entire process down',
] as const;

/** Lines a launcher or the runtime prints around every failure: the whole line is boilerplate when it holds one. */
export const LINE_BOILERPLATE = [
  'torch.distributed.elastic.multiprocessing.errors.childfailederror',
  'raise childfailederror(',
  'root cause (first observed failure)',
  '<no_other_failures>',
  'traceback (most recent call last)',
  'the above exception was the direct cause of the following exception',
  'during handling of the above exception, another exception occurred',
  'setting omp_num_threads environment variable for each process to be 1 in default',
  'error_file: <n/a>',
  'sending process',
  'closing process',
  'this may indicate a possible application crash on rank 0 or a network set up issue',
  'exception raised from',
  'frame #',
  'please report this issue',
] as const;

const learned = new Set<string>(BOILERPLATE_LINES);

/** The key a line is learned and looked up by: its normalised, lower-case form. */
export const boilerplateKey = (text: string) => maskVariables(text).toLowerCase();

/** NCCL's trace of an error code climbing its call stack: `NCCL INFO init.cc:1350 -> 2`. */
const NCCL_UNWIND = /\bNCCL INFO [\w/.]{1,80}\.cc:\d{1,6} -> \d{1,4}/;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
/** The library sentences as one case-insensitive pattern of literal alternatives (linear). */
const LIBRARY = new RegExp(LIBRARY_BOILERPLATE.map(escape).join('|'), 'gi');

/**
 * The line without the library's fixed sentences: `NCCL error in: …, unhandled system error (run with
 * NCCL_DEBUG=INFO for details)` keeps its message and loses the advice every NCCL error prints.
 */
export const withoutBoilerplate = (text: string) => text.replace(LIBRARY, ' ');

/**
 * Whether a (prefix-stripped) log line is boilerplate: learned from the corpus, NCCL's unwinding trace, or
 * nothing but library sentences once those are taken out.
 */
export function isBoilerplate(text: string): boolean {
  if (NCCL_UNWIND.test(text) || learned.has(boilerplateKey(text))) return true;
  const folded = text.toLowerCase();
  if (LINE_BOILERPLATE.some((b) => folded.includes(b))) return true;
  const rest = withoutBoilerplate(text);
  return rest !== text && !/[A-Za-z]{3}/.test(rest.replace(/[A-Za-z]*(?:error|exception)\b:?/gi, ''));
}

/** How much a word of a log's error line counts, by how many different causes it came with in the corpus. */
export const termWeight = (word: string): number => (Object.hasOwn(TERM_WEIGHTS, word) ? TERM_WEIGHTS[word]! : 1);
