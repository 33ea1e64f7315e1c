/** Cache housekeeping shared by the per-file cache and the run records. */
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** Delete all but the `keep` most recently written files in `dir` whose names match `pattern`. */
export async function keepNewest(dir: string, pattern: RegExp, keep: number): Promise<void> {
  const names = (await readdir(dir)).filter((n) => pattern.test(n));
  if (names.length <= keep) return;
  const dated = await Promise.all(names.map(async (n) => ({ n, t: (await stat(join(dir, n)).catch(() => undefined))?.mtimeMs ?? 0 })));
  dated.sort((a, b) => b.t - a.t);
  await Promise.all(dated.slice(keep).map(({ n }) => rm(join(dir, n), { force: true })));
}
