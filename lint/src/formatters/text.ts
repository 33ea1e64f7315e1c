/** Human output in the vfile-reporter layout: the file, then `line:col severity message rule`, then a summary. */
import { VFile } from 'vfile';
import { VFileMessage } from 'vfile-message';
import { reporter } from 'vfile-reporter';
import type { Finding } from '../engine/run.ts';

export function formatText(findings: readonly Finding[], options: { verbose?: boolean; color?: boolean; files?: readonly string[] } = {}): string {
  const byFile = new Map<string, VFile>();
  for (const path of options.files ?? []) byFile.set(path, new VFile({ path }));
  for (const f of findings) {
    const file = byFile.get(f.file) ?? new VFile({ path: f.file });
    byFile.set(f.file, file);
    const place = f.line ? { start: { line: f.line, column: f.column ?? 1 }, end: { line: f.endLine ?? f.line, column: f.endColumn ?? f.column ?? 1 } } : undefined;
    const message = new VFileMessage(f.message, { place, ruleId: f.ruleId, source: 'kb-lint' });
    message.fatal = f.severity === 'error';
    message.file = f.file;
    message.url = f.url;
    message.note = f.note;
    file.messages.push(message);
  }
  return reporter([...byFile.values()], { verbose: options.verbose, color: options.color, quiet: true });
}
