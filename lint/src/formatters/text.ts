/** Human output in the vfile-reporter layout: the file, then `line:col severity message rule`, then a summary. */
import { VFile } from 'vfile';
import { VFileMessage } from 'vfile-message';
import { reporter } from 'vfile-reporter';
import type { Finding } from '../engine/run.ts';

/**
 * Control characters and bidirectional overrides shown as `\u{…}` escapes: a file name or a quoted value
 * holding them could otherwise move the cursor, clear the terminal or make a line read backwards.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
export const printable = (text: string) => text.replace(UNSAFE, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`);

export function formatText(findings: readonly Finding[], options: { verbose?: boolean; color?: boolean; files?: readonly string[] } = {}): string {
  const byFile = new Map<string, VFile>();
  for (const path of options.files ?? []) byFile.set(path, new VFile({ path: printable(path) }));
  for (const f of findings) {
    const file = byFile.get(f.file) ?? new VFile({ path: printable(f.file) });
    byFile.set(f.file, file);
    const place = f.line ? { start: { line: f.line, column: f.column ?? 1 }, end: { line: f.endLine ?? f.line, column: f.endColumn ?? f.column ?? 1 } } : undefined;
    const message = new VFileMessage(printable(f.message), { place, ruleId: f.ruleId, source: 'kb-lint' });
    message.fatal = f.severity === 'error';
    message.file = printable(f.file);
    message.url = f.url;
    message.note = f.note;
    file.messages.push(message);
  }
  return reporter([...byFile.values()], { verbose: options.verbose, color: options.color, quiet: true });
}
