/** Reading corpus files, the first thing every run does. A file larger than any real page is not read at all. */
import { closeSync, constants, fstatSync, openSync, readFileSync, realpathSync, type Stats } from 'node:fs';
import { join, sep } from 'node:path';

/** Bigger than any content file needs to be; a larger one is reported, never read into memory. */
export const MAX_FILE_BYTES = 1024 * 1024;

export interface ReadResult {
  bytes: Uint8Array;
  /** Why the file could not be read (an errno code or a short phrase); `bytes` is empty then. */
  error?: string;
}

/** What a failed read says: the errno code when there is one. */
const reason = (error: unknown) => (error as NodeJS.ErrnoException).code ?? (error as Error).message;

function refuseIrregular(info: Stats) {
  if (!info.isFile()) throw Object.assign(new Error('not a regular file'), { code: `not a regular file (${info.isFIFO() ? 'a FIFO' : info.isDirectory() ? 'a folder' : 'a device or socket'})` });
}

/**
 * Every path under `root`, read synchronously: for thousands of small local files the promise round trips
 * of the async API (open, stat, read, close, each through the thread pool) cost several times the reading
 * itself. A file is opened non-blocking and refused unless it is a regular file, so a FIFO or a device
 * that matched a glob never hangs the run waiting for a writer.
 */
export function readAllFrom(root: string, paths: readonly string[]): ReadResult[] {
  const inside = `${realpathSync(root)}${sep}`;
  return paths.map((path) => {
    let fd: number | undefined;
    try {
      // Content comes from pull requests: a link out of the repository (to a system file, another checkout)
      // is reported, never read, so nothing outside the project reaches a report or a page.
      const real = realpathSync(join(root, path));
      if (!real.startsWith(inside)) return { bytes: new Uint8Array(), error: 'a symbolic link to a file outside the repository' };
      fd = openSync(real, constants.O_RDONLY | constants.O_NONBLOCK);
      const info = fstatSync(fd);
      refuseIrregular(info);
      if (info.size > MAX_FILE_BYTES) return { bytes: new Uint8Array(), error: `too large (${info.size} bytes, expected at most ${MAX_FILE_BYTES})` };
      return { bytes: readFileSync(fd) };
    } catch (error) {
      return { bytes: new Uint8Array(), error: reason(error) };
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  });
}

/** Read every path with at most `limit` files open at once (thousands of files must not hit EMFILE). */
export async function readAll(paths: readonly string[], reader: (p: string) => Promise<Uint8Array>, limit = 64): Promise<ReadResult[]> {
  const out: ReadResult[] = new Array(paths.length);
  let next = 0;
  const lane = async () => {
    while (next < paths.length) {
      const i = next++;
      try {
        out[i] = { bytes: await reader(paths[i]) };
      } catch (error) {
        out[i] = { bytes: new Uint8Array(), error: reason(error) };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, paths.length) }, lane));
  return out;
}
