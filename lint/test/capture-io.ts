/** An `Io` for calling a command in-process: what it prints is kept in `out` and `err`. */
import type { Io } from '../src/io.ts';

export function captureIo(cwd = '/'): Io & { out: string; err: string } {
  const io = {
    argv: [] as string[],
    cwd,
    out: '',
    err: '',
    stdout: (t: string) => void (io.out += t),
    stderr: (t: string) => void (io.err += t),
  };
  return io;
}
