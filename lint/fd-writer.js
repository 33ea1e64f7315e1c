// Plain JavaScript for the same reason as bin.js: it runs before Node's compile cache is on.
// node:fs through process.getBuiltinModule, not import: see lint/src/cli.ts.
const { writeSync } = process.getBuiltinModule('node:fs');

/**
 * A writer to a file descriptor that does not create `process.stdout`/`process.stderr`: creating them loads
 * Node's stream machinery, about 10 ms of the ~200 ms a re-run answered from its record takes. Writes are
 * synchronous, as Node's own stdout is for files and pipes on Linux (and the linter writes its report once).
 * - A closed pipe (`kb-lint --help | head`) is the reader's choice: `onClosed` ends the run quietly.
 * - A descriptor someone made non-blocking can refuse a write (EAGAIN); from then on everything goes through
 *   `stream()`, which queues and waits as Node does, so no output is lost or reordered.
 *
 * @param {number} fd
 * @param {() => NodeJS.WritableStream} stream the same descriptor's Node stream, created only if needed
 * @param {() => void} onClosed
 * @param {(fd: number, bytes: Uint8Array, offset: number) => number} [write] for tests
 * @returns {(text: string) => void}
 */
export function fdWriter(fd, stream, onClosed, write = writeSync) {
  let viaStream = false;
  return (text) => {
    if (viaStream) return void stream().write(text);
    const bytes = Buffer.from(text);
    let at = 0;
    try {
      while (at < bytes.length) at += write(fd, bytes, at);
    } catch (error) {
      const code = /** @type {NodeJS.ErrnoException} */ (error).code;
      if (code === 'EPIPE') return onClosed();
      if (code !== 'EAGAIN') throw error;
      viaStream = true;
      stream().write(bytes.subarray(at));
    }
  };
}
