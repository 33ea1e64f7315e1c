/**
 * A scratch file for the analyses a cold run collects while its threads parse. Each arrives as `node:v8` bytes
 * (~2.7 KiB a file) and is needed only after the workers are gone, to be revived and written to the cache; in
 * memory they were ~10 MiB of the peak at 12 MiB of Markdown, the moment the worker's heap is largest too.
 * Written here as they come and read back in one piece at the end, they cost the page cache instead.
 *
 * The file is unlinked as soon as it is open (where the system allows), so a run that is killed leaves
 * nothing behind. Any failure to write (no space, a read-only temporary folder) turns the spill off and the
 * caller keeps that analysis in memory, as before: the answer never depends on the spill.
 */
import { closeSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';

/** Where an analysis sits in the spill file. */
export interface Spilled {
  at: number;
  length: number;
}

export class Spill {
  private fd: number | undefined;
  private path: string | undefined;
  private size = 0;
  private off = false;
  private readonly dir: string;

  constructor(dir = tmpdir()) {
    this.dir = dir;
  }

  /** Write `bytes` to the file; undefined when the spill is off, and the caller keeps them. */
  put(bytes: Uint8Array): Spilled | undefined {
    if (this.off) return undefined;
    try {
      if (this.fd === undefined) this.open();
      let done = 0;
      while (done < bytes.length) done += writeSync(this.fd!, bytes, done, bytes.length - done, this.size + done);
      const spilled = { at: this.size, length: bytes.length };
      this.size += bytes.length;
      return spilled;
    } catch {
      // Whatever was written stays readable; only new analyses stay in memory from now on.
      this.off = true;
      return undefined;
    }
  }

  /** Everything written, in one buffer (empty if nothing was), and the file closed and gone. */
  readBack(): Buffer {
    const all = Buffer.allocUnsafe(this.size);
    try {
      if (this.size > 0 && this.fd === undefined) throw new Error('kb-lint: the spill file was closed before it was read back');
      let done = 0;
      while (done < this.size) {
        const n = readSync(this.fd!, all, done, this.size - done, done);
        if (n === 0) throw new Error(`kb-lint: the spill file ${this.path} is ${done} bytes, ${this.size} were written`);
        done += n;
      }
      return all;
    } finally {
      this.close();
    }
  }

  /** Close and remove the file, for good: later pieces stay with the caller. Safe to call more than once. */
  close(): void {
    this.off = true;
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    if (this.path) rmSync(this.path, { force: true });
    this.path = undefined;
  }

  private open() {
    const path = join(this.dir, `kb-lint-spill-${process.pid}-${threadId}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`);
    this.fd = openSync(path, 'wx+', 0o600);
    this.path = path;
    try {
      // Gone from the folder at once; the open descriptor keeps the data until it is closed.
      rmSync(path);
      this.path = undefined;
    } catch {
      // Some systems refuse to remove an open file; close() removes it then.
    }
  }
}
