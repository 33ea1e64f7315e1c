/** `--fix`: apply the safe mechanical fixes rules attached, writing each file atomically. */
import { randomBytes } from 'node:crypto';
import { readFile, rename, writeFile, unlink } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';
import type { Finding } from './engine/run.ts';

/** Apply non-overlapping replacements from last to first so earlier offsets stay valid. */
export function applyFixes(text: string, fixes: readonly NonNullable<Finding['fix']>[]): string {
  const sorted = [...fixes].sort((a, b) => b.range[0] - a.range[0]);
  let out = text;
  let floor = Infinity;
  for (const fix of sorted) {
    if (fix.range[1] > floor) continue; // overlapping: keep the later one, the next run fixes the rest
    out = out.slice(0, fix.range[0]) + fix.text + out.slice(fix.range[1]);
    floor = fix.range[0];
  }
  return out;
}

/** Write via a temporary file in the same folder and rename, so a crash never leaves half a file. */
export async function writeAtomic(path: string, text: string): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, text, { flag: 'wx' });
    await rename(tmp, path);
  } catch (error) {
    await unlink(tmp).catch(() => {});
    throw error;
  }
}

/** Fix every file with fixable findings; returns the paths changed. */
export async function fixFiles(root: string, findings: readonly Finding[]): Promise<string[]> {
  const byFile = new Map<string, NonNullable<Finding['fix']>[]>();
  for (const f of findings) if (f.fix) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f.fix]);
  const changed: string[] = [];
  for (const [file, fixes] of byFile) {
    const abs = join(root, file);
    const before = await readFile(abs, 'utf8');
    // Offsets are into the text the linter parsed, which has no byte order mark; the mark itself is kept.
    const bom = before.startsWith('\uFEFF') ? '\uFEFF' : '';
    const after = bom + applyFixes(before.slice(bom.length), fixes);
    if (after !== before) {
      await writeAtomic(abs, after);
      changed.push(file);
    }
  }
  return changed;
}
