/**
 * stdin for the MCP server with one size limit per message, answered rather than fatal. The SDK's stdio
 * transport closes the whole connection when one message passes its buffer (10 MiB), so a client that sent
 * a large log saw the server exit 0 without a word. This stream sits between stdin and that transport:
 * lines within MAX_LOG_BYTES pass through untouched; a longer one is dropped as it streams in (never held
 * whole) and its request gets a JSON-RPC error reply that names the limit, and the server goes on.
 */
import { Transform, type TransformCallback } from 'node:stream';
import { MAX_LOG_BYTES, MAX_LOG_SHOWN } from '../diagnose/log-limit.ts';

/** Bytes kept from each end of a dropped message: enough to find its `"id"` (the SDK's client puts it last). */
const EDGE = 512;
const NEWLINE = 10;

/** The request id of a JSON-RPC message from the edges of its text, or null when neither edge shows one. */
export function requestId(head: string, tail: string): string | number | null {
  // Not preceded by a backslash: an `"id"` inside a string value is escaped (`\"id\"`).
  const ids = (text: string) => [...text.matchAll(/(?<!\\)"id"\s*:\s*(-?\d+|"(?:[^"\\]|\\.){0,200}")/g)].map((m) => JSON.parse(m[1]) as string | number);
  return ids(tail).at(-1) ?? ids(head)[0] ?? null;
}

export class BoundedLines extends Transform {
  private pending: Buffer[] = [];
  private pendingSize = 0;
  private dropped: { head: Buffer; tail: Buffer; size: number } | undefined;

  private readonly reply: (line: string) => void;
  private readonly limit: number;

  /** `reply` writes one whole JSON-RPC message (the server's stdout). */
  constructor(reply: (line: string) => void, limit = MAX_LOG_BYTES) {
    super();
    this.reply = reply;
    this.limit = limit;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    let from = 0;
    while (from <= chunk.length) {
      const newline = chunk.indexOf(NEWLINE, from);
      const end = newline === -1 ? chunk.length : newline;
      this.add(chunk.subarray(from, end));
      if (newline === -1) break;
      this.endLine();
      from = newline + 1;
    }
    done();
  }

  private add(part: Buffer) {
    if (!part.length) return;
    if (this.dropped) {
      this.dropped.size += part.length;
      this.dropped.tail = Buffer.concat([this.dropped.tail, part]).subarray(-EDGE);
      return;
    }
    this.pending.push(part);
    this.pendingSize += part.length;
    if (this.pendingSize > this.limit) {
      const all = Buffer.concat(this.pending);
      this.dropped = { head: all.subarray(0, EDGE), tail: all.subarray(-EDGE), size: all.length };
      this.pending = [];
      this.pendingSize = 0;
    }
  }

  private endLine() {
    if (this.dropped) {
      const { head, tail, size } = this.dropped;
      this.dropped = undefined;
      const id = requestId(head.toString('utf8'), tail.toString('utf8'));
      const message = `Request too large: ${size} bytes, expected at most ${MAX_LOG_BYTES} (${MAX_LOG_SHOWN}); send the end of the log, where the run died`;
      this.reply(`${JSON.stringify({ jsonrpc: '2.0', id, error: { code: -32600, message } })}\n`);
      return;
    }
    this.pending.push(Buffer.of(NEWLINE));
    this.push(Buffer.concat(this.pending));
    this.pending = [];
    this.pendingSize = 0;
  }
}
