/**
 * Reading a pasted log: split it into bounded lines, find the ones that carry an error, and strip the noise
 * (numbers, sizes, paths, hex, pids, ranks, timestamps) that makes every real message unique. Every pattern
 * here is linear: no nested quantifiers, and each runs on a line of at most LINE_CAP characters.
 */

import { evidenceWords } from './evidence.ts';

/** Characters of a line looked at; the rest of a pathological line is ignored. */
export const LINE_CAP = 2000;
/** Lines read from one paste: the last ones, since a run dies at the end; the head beyond this is dropped (and reported as truncated). */
export const MAX_LINES = 200_000;

export interface LogLine {
  /** 1-based line number in the paste. */
  number: number;
  /** The line, cut at LINE_CAP characters, without the prefixes of launchers (`[rank3]:`, timestamps). */
  text: string;
  /** How strongly the line looks like an error: 0 none, 1 an error word, 2 a message line, 3 an exception line. */
  weight: number;
}

// Launcher and logger prefixes that come before the message itself.
const PREFIXES = [
  /^\s*\[\d{1,5},\d{1,5}\]<std(?:out|err)>:\s*/, // mpirun --tag-output "[1,0]<stdout>:"
  /^\s*\[?\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}:\d{2}(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})?\]?\s*/,
  /^\s*\[\s*\d+\.\d+\]\s*/, // dmesg [12345.678901]
  /^\s*(?:stdout|stderr) [FP] /, // the CRI log format of containerd and CRI-O, after its timestamp
  /^\s*\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}(?:\.\d{1,9})?\s+/, // Go's log package (the device plugin, most Go daemons)
  /^\s*\[(?:default)?rank\d+\]:?\s*/i,
  /^\s*\d+:\s+(?=\S)/, // torchrun --tee prefix "3: "
  /^\s*[\w.-]{1,64}:\d{1,7}:\d{1,7}\s+(?=\[)/, // host:pid:tid before an NCCL tag
  /^\s*(?:[A-Z][a-z]{2}\s+\d{1,2}\s+\d{2}:\d{2}:\d{2}\s+[\w.-]{1,64}\s+[\w.-]{1,40}(?:\[\d+\])?:\s*)/, // syslog
];

/** Remove launcher prefixes (repeatedly: `[rank3]: 2026-… ` stacks them). */
export function stripPrefixes(line: string): string {
  let out = line;
  for (let round = 0; round < 4; round++) {
    const before = out;
    for (const re of PREFIXES) out = out.replace(re, '');
    if (out === before) break;
  }
  return out;
}

const EXCEPTION_LINE = /^\s*(?:[A-Za-z_][\w.]{0,120}\.)?[A-Z]\w{0,60}(?:Error|Exception|Exit|Interrupt|Warning|Failure|Timeout)(?::|$)/;
const MESSAGE_LINE = /^\s*(?:error|fatal|critical|panic|e\d{4}|[we]\s|error:|\*\*\*|killed\b|segmentation fault|bus error|aborted)/i;
const ERROR_WORDS = /\b(?:error|errno|exception|traceback|killed|fatal|fail(?:ed|ure|s)?|denied|refused|timed? ?out|timeout|abort(?:ed)?|segmentation|core dumped|oom|out of memory|nan|inf|xid|nccl|cuda|cudnn|cublas|cannot|can't|unable|not found|no such|no space|exit(?:ed)? (?:with )?(?:code|status)|exitcode|signal|sigkill|sigterm|warn(?:ing)?|deprecated|mismatch|unexpected|invalid|missing|stalled|hang(?:s|ing)?|disconnect(?:ed)?|broken pipe|reset by peer|quota|permission|unauthori[sz]ed|forbidden|40[134]|429|50[0234])\b/i;

const LAST_ERROR = /\blast error:/i;
/**
 * NCCL's own error lines (`[0] init.cc:497 NCCL WARN Duplicate GPU detected …`; before 2.4 without the `NCCL`:
 * `[0] include/socket.h:185 WARN Call to connect failed`); its INFO lines are chatter.
 */
const NCCL_WARN = /\bNCCL WARN\b|\.(?:cc|h|cu|cpp):\d{1,6} WARN\b/;
/** Whether a (prefix-stripped) line is one of NCCL's own WARN lines: the transport or call that failed. */
export const isNcclWarn = (text: string) => NCCL_WARN.test(text);
/**
 * NCCL's result strings (`ncclGetErrorString`), as PyTorch and NCCL's callers repeat them: the class of the
 * failure (`unhandled system error`, `remote process exited or there was a network error`), whatever broke.
 */
const NCCL_RESULT = /\b(?:unhandled (?:cuda|system) error|internal error|invalid usage|invalid argument|remote process exited or there was a network error)\b/i;
/** Whether a line only reports NCCL's result class (it names NCCL and one of its result strings). */
export const isNcclSummary = (text: string) => /nccl/i.test(text) && NCCL_RESULT.test(text) && !NCCL_WARN.test(text);

/** Grade one (prefix-stripped) line. */
export function errorWeight(text: string): number {
  if (EXCEPTION_LINE.test(text)) return 3;
  if (NCCL_WARN.test(text)) return 2;
  if (MESSAGE_LINE.test(text)) return 2;
  return ERROR_WORDS.test(text) ? 1 : 0;
}

/**
 * Where the last `MAX_LINES` lines of a paste begin, and the number of lines before them. Found from the end
 * (one `lastIndexOf` per kept line), then the skipped head is counted so line numbers stay the paste's own.
 */
function tailStart(text: string): { start: number; skipped: number } {
  let at = text.length;
  for (let kept = 0; kept < MAX_LINES; kept++) {
    at = text.lastIndexOf('\n', at - 1);
    if (at <= 0) return { start: 0, skipped: 0 };
  }
  let skipped = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i <= at; i = text.indexOf('\n', i + 1)) skipped++;
  return { start: at + 1, skipped };
}

/** Split a paste into lines, bounded in count and length, graded for error content. */
export function readLog(text: string): { lines: LogLine[]; truncated: boolean } {
  const lines: LogLine[] = [];
  let { start, skipped: number } = tailStart(text);
  let truncated = number > 0;
  let afterLastError = false;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    number++;
    // Cut before anything else, so a megabyte line costs no more than LINE_CAP characters of work.
    const raw = text.slice(start, Math.min(end, start + LINE_CAP)).replace(/\r$/, '');
    if (end - start > LINE_CAP) truncated = true;
    const stripped = raw.trim() ? stripPrefixes(raw).trimEnd() : '';
    if (stripped) {
      // NCCL names the transport's own failure after `Last error:`, on that line or the next: that is the cause.
      let weight = LAST_ERROR.test(stripped) && !/last error:\s*$/i.test(stripped) ? 3 : errorWeight(stripped);
      if (afterLastError) weight = 3;
      afterLastError = /last error:\s*$/i.test(stripped);
      lines.push({ number, text: stripped, weight });
    }
    start = end + 1;
  }
  return { lines, truncated };
}

/** Replace the variable parts of a message by placeholders, so repeated messages look alike. */
export function maskVariables(line: string): string {
  return line
    .replace(/\b\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}:\d{2}(?:[.,]\d+)?\b/g, ' <time> ')
    .replace(/\b\d{1,2}:\d{2}:\d{2}(?:[.,]\d+)?\b/g, ' <time> ')
    .replace(/(?:[A-Za-z]:)?(?:~|\.{1,2})?(?:\/[\w.@+-]{1,200}){2,}\/?/g, ' <path> ')
    .replace(/\b0x[0-9a-f]{1,32}\b/gi, ' <hex> ')
    .replace(/\b[0-9a-f]{12,64}\b/gi, ' <hex> ')
    .replace(/\b\d[\d,]{0,30}(?:\.\d{1,20})?\s?(?:[KMGTP]i?B|bytes?)\b/gi, ' <size> ')
    .replace(/\b\d[\d_,]{0,30}(?:\.\d{1,20})?(?:e[+-]?\d{1,4})?\b/gi, ' <n> ')
    .replace(/\s+/g, ' ')
    .trim();
}

const STOP = new Set(
  'the a an and or of to in on at for from by with is are was were be been it its this that these those as not no if then else when while into than via per your you we our can could may might will would should do does did has have had but all any each some more most other such only own same so too very just also there here out up down off over under again further once about after before during above below between through log line see use using set get got please try'.split(' '),
);

/** Lower-case word stem: strips a plural `s` so `tokens`/`token` meet; nothing cleverer. */
const stem = (w: string) => (w.length > 4 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w);

/**
 * The distinctive words of a text: letters-first tokens, no stop words, no placeholders, stemmed, plus the
 * evidence words of its signals and Xid numbers (evidence.ts), so `exitcode: -9` and `SIGKILL` meet.
 */
export function words(text: string): string[] {
  const out: string[] = evidenceWords(text);
  for (const m of text.toLowerCase().matchAll(/[\p{L}_][\p{L}\p{N}_]{1,40}|\p{Script=Han}+/gu)) {
    const w = m[0];
    if (STOP.has(w) || w.length < 2) continue;
    if (/^\p{Script=Han}+$/u.test(w)) {
      // Chinese has no spaces: index every two-character window, the usual bigram trick.
      if (w.length <= 2) out.push(w);
      else for (let i = 0; i + 2 <= w.length; i++) out.push(w.slice(i, i + 2));
      continue;
    }
    for (const part of w.split('_')) if (part.length >= 2 && !STOP.has(part)) out.push(stem(part));
    if (w.includes('_')) out.push(w);
  }
  return out;
}
