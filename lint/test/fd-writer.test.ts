/**
 * lint/fd-writer.js writes the report straight to a file descriptor. What it must never do: lose or reorder
 * output when the descriptor refuses a write, or turn a closed pipe into a stack trace.
 */
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { fdWriter } from '../fd-writer.js';
import { tempDirs } from './corpus.ts';

const temp = tempDirs('kb-fd-writer-');
const errno = (code: string) => Object.assign(new Error(code), { code });

describe('fdWriter', () => {
  it('writes whole texts to the descriptor, multi-byte characters included', () => {
    const path = join(temp(), 'out.txt');
    const fd = openSync(path, 'w');
    const stream = vi.fn();
    const out = fdWriter(fd, stream, () => {});
    out('ünïcode ✓ first\n');
    out('second\n');
    closeSync(fd);
    expect(readFileSync(path, 'utf8')).toBe('ünïcode ✓ first\nsecond\n');
    expect(stream).not.toHaveBeenCalled();
  });

  it('finishes a partial write', () => {
    const got: string[] = [];
    // A descriptor that takes at most three bytes a call, as a full pipe may.
    const write = (_fd: number, bytes: Uint8Array, offset: number) => {
      const n = Math.min(3, bytes.length - offset);
      got.push(Buffer.from(bytes.subarray(offset, offset + n)).toString('latin1'));
      return n;
    };
    fdWriter(1, () => ({ write: () => true }) as never, () => {}, write)('0123456789');
    expect(got.join('')).toBe('0123456789');
  });

  it('hands the rest, and everything after it, to the stream when the descriptor says EAGAIN', () => {
    const streamed: string[] = [];
    const stream = vi.fn(() => ({ write: (chunk: string | Uint8Array) => streamed.push(Buffer.from(chunk).toString()) }) as never);
    let calls = 0;
    const write = (_fd: number, bytes: Uint8Array, offset: number) => {
      if (++calls === 2) throw errno('EAGAIN');
      return Math.min(4, bytes.length - offset);
    };
    const out = fdWriter(1, stream, () => {}, write);
    out('abcdefgh');
    out('next');
    expect(streamed).toEqual(['efgh', 'next']);
  });

  it('calls onClosed on a closed pipe and rethrows other errors', () => {
    const onClosed = vi.fn();
    fdWriter(1, vi.fn(), onClosed, () => {
      throw errno('EPIPE');
    })('x');
    expect(onClosed).toHaveBeenCalledOnce();
    expect(() =>
      fdWriter(1, vi.fn(), onClosed, () => {
        throw errno('EIO');
      })('x'),
    ).toThrow('EIO');
  });
});
