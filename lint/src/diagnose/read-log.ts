/**
 * The log `kb-lint diagnose` reads: a file, or stdin for `-`, and of either only the last MAX_LOG_BYTES (a run
 * dies at the end of its log, so the head is what gives way), with a marker line saying the head was cut.
 */
import { open, readFile } from 'node:fs/promises';
import { MAX_LOG_BYTES, MAX_LOG_SHOWN } from './log-limit.ts';

/** Stdin as text; tests pass their own. */
export type ReadStdin = () => Promise<string>;

/** The last MAX_LOG_BYTES of stdin: a run dies at the end of its log, so the head is what gives way. */
export async function processStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    size += (chunk as Buffer).length;
    while (size - chunks[0].length >= MAX_LOG_BYTES) size -= chunks.shift()!.length;
  }
  const all = Buffer.concat(chunks);
  return fromTail(all.subarray(Math.max(0, all.length - MAX_LOG_BYTES)), all.length > MAX_LOG_BYTES);
}

/** Text of the bytes at a log's end; when the head was cut, the partial first line goes too (a marker says so). */
function fromTail(bytes: Buffer, cut: boolean): string {
  if (!cut) return bytes.toString('utf8');
  const newline = bytes.indexOf(10);
  return `${CUT_MARK}\n${bytes.subarray(newline + 1).toString('utf8')}`;
}

export const CUT_MARK = `[kb-lint: only the last ${MAX_LOG_SHOWN} of this log were read]`;

/** A log file: the whole of it, or its last MAX_LOG_BYTES (read from the end, never all into memory). */
export async function readLogFile(path: string, size: number): Promise<string> {
  if (size <= MAX_LOG_BYTES) return readFile(path, 'utf8');
  const handle = await open(path, 'r');
  try {
    const bytes = Buffer.alloc(MAX_LOG_BYTES);
    const { bytesRead } = await handle.read(bytes, 0, MAX_LOG_BYTES, size - MAX_LOG_BYTES);
    return fromTail(bytes.subarray(0, bytesRead), true);
  } finally {
    await handle.close();
  }
}
