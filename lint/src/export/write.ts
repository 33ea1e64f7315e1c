/**
 * Writing a generated tree of files so a reader never sees half of it: build everything in a sibling
 * folder, then swap it in. An existing folder is only replaced when it is empty or looks like an earlier
 * export (it holds the marker file), so a mistyped `--out` cannot wipe someone's work.
 */
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { UsageError } from '../io.ts';

export async function writeTree(out: string, files: ReadonlyMap<string, string | Uint8Array>, marker: string): Promise<void> {
  const info = await stat(out).catch(() => undefined);
  if (info && !info.isDirectory()) throw new UsageError(`\`${out}\` exists and is not a folder`);
  if (info) {
    const entries = await readdir(out);
    if (entries.length && !entries.includes(marker)) throw new UsageError(`Refusing to replace \`${out}\`: it is not empty and holds no ${marker} from an earlier export`);
  }
  await mkdir(dirname(out), { recursive: true });
  const staging = `${out}.partial-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  try {
    for (const [path, content] of files) {
      const target = join(staging, ...path.split('/'));
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, content);
    }
    if (info) await rm(out, { recursive: true, force: true });
    await rename(staging, out);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}
