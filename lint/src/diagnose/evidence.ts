/**
 * Evidence that launchers and kernels print in many spellings, read as one word each so a page and a log
 * meet whatever form either uses: a signal (`exitcode: -9`, `Signals.SIGKILL`, `died with <Signals.SIGKILL: 9>`,
 * `Killed`, `exit code 137`, `return code = -9` all say `sigkill`) and an Xid number (`NVRM: Xid (PCI:…): 79`,
 * `Xid 79` say `xid79`). Both the index (a page's title, keywords and Symptom) and the log's lines go through
 * it (lines.ts `words`). Pure; every pattern is linear.
 */

const SIGNALS: Record<string, string> = { '9': 'sigkill', '15': 'sigterm', '11': 'sigsegv', '7': 'sigbus', '6': 'sigabrt', '2': 'sigint' };
/** A shell's exit status for a death by signal is 128 + its number. */
const SHELL_STATUS: Record<string, string> = { '137': 'sigkill', '143': 'sigterm', '139': 'sigsegv', '135': 'sigbus', '134': 'sigabrt', '130': 'sigint' };

// `exitcode: -9`, `exit code 137`, `exit status -9`, `return code = -9`, `returncode=-9`, `exited with code 137`.
const EXIT = /\b(?:exit_?code|exit(?:ed)?(?: with)? (?:code|status)|return ?code|returncode|exit status)\s{0,3}[:=]?\s{0,3}(-?\d{1,3})\b/gi;
// `signal 9`, `signal: 9`, `Signal 9 (SIGKILL)`, `<Signals.SIGKILL: 9>`, `killed by signal 9`, `terminated with signal SIGKILL`.
const SIGNAL_NUMBER = /\bsignal:?\s{0,2}(\d{1,2})\b/gi;
const SIGNAL_NAME = /\bsig(kill|term|segv|bus|abrt|int)\b/gi;
// The words the shell, the kernel and DataLoader print for a signal.
const KILLED = /(?:^\s*(?:\d+\s+)?killed\b|\bkilled\s*$|\bsignal:\s{0,2}killed\b|\bkilled process\b|\boom-?kill(?:ed)?\b|\b\d+ killed\s)/i;
const SEGV = /\bsegmentation fault\b/i;
const BUS = /\bbus error\b/i;
const ABORT = /(?:^\s*aborted\b|\baborted \(core dumped\))/i;
// `NVRM: Xid (PCI:0000:3b:00): 79, …`, `Xid 79`, `XID: 48`, `Xid errors 94`.
const XID = /\bxids?\b\s{0,3}(?:\([^)]{0,60}\))?\s{0,3}(?:errors?\s{0,3})?:?\s{0,3}(\d{1,3})\b/gi;

/** The evidence words a text carries (for a page, for one log line). */
export function evidenceWords(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(EXIT)) {
    const n = m[1]!.replace(/^-/, '');
    const sig = m[1]!.startsWith('-') ? SIGNALS[n] : SHELL_STATUS[n];
    if (sig) out.add(sig);
  }
  for (const m of text.matchAll(SIGNAL_NUMBER)) {
    const sig = SIGNALS[m[1]!];
    if (sig) out.add(sig);
  }
  for (const m of text.matchAll(SIGNAL_NAME)) out.add(`sig${m[1]!.toLowerCase()}`);
  // Line-shaped forms are tested line by line: a page's Symptom is many lines.
  for (const line of text.split('\n')) {
    if (KILLED.test(line)) out.add('sigkill');
    if (SEGV.test(line)) out.add('sigsegv');
    if (BUS.test(line)) out.add('sigbus');
    if (ABORT.test(line)) out.add('sigabrt');
  }
  for (const m of text.matchAll(XID)) out.add(`xid${Number(m[1])}`);
  return [...out];
}
