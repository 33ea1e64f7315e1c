/** Reading corpus files, the first thing every run does. A file larger than any real page is not read at all. */
import { closeSync, constants, fstatSync, openSync, readFileSync, realpathSync, type Stats } from 'node:fs';
import { join, sep } from 'node:path';
import { pool } from '../pool.ts';

/** Bigger than any content file needs to be; a larger one is reported, never read into memory. */
export const MAX_FILE_BYTES = 1024 * 1024;

export interface ReadResult {
  bytes: Uint8Array;
  /** Why the file could not be read (an errno code or a short phrase); `bytes` is empty then. */
  error?: string;
}

/**
 * Why a corpus path's name cannot be published, or undefined. Each name becomes part of a page or download
 * URL, where `?` starts a query and `#` a fragment: the site's loader dropped such a page without a word.
 * Letters, digits, `-`, `_` and `.` are what every real page and script uses.
 */
export function badName(path: string): string | undefined {
  const bad = /[^A-Za-z0-9._\/-]/.exec(path);
  if (!bad) return undefined;
  const shown = bad[0] === ' ' ? 'a space' : /[\p{C}\p{Z}]/u.test(bad[0]) ? `U+${bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}` : `\`${bad[0]}\``;
  return `a file name with ${shown}, which a page or download URL cannot carry (use letters, digits, \`-\`, \`_\` and \`.\`)`;
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
    const name = badName(path);
    if (name) return { bytes: new Uint8Array(), error: name };
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
export function readAll(paths: readonly string[], reader: (p: string) => Promise<Uint8Array>, limit = 64): Promise<ReadResult[]> {
  return pool(paths, limit, async (path): Promise<ReadResult> => {
    try {
      return { bytes: await reader(path) };
    } catch (error) {
      return { bytes: new Uint8Array(), error: reason(error) };
    }
  });
}

/**
 * One file under `root` with every refusal of `readAllFrom` (a link out of the tree, a FIFO or device, a
 * file over the size cap, a name a URL cannot carry): for the tools that read a page or two on their own
 * (the site's config-time reads), so none of them can hang on a FIFO or publish a file from outside.
 */
export function readOneFrom(root: string, path: string): ReadResult {
  return readAllFrom(root, [path])[0];
}
