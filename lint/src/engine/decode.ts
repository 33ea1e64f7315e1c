/** Bytes to text: UTF-8 or a positioned reason why not. Light on purpose (no parser), since a re-run needs it. */
import { pointFinder } from './points.ts';
import type { LintFile } from './types.ts';

const decoder = new TextDecoder('utf-8', { fatal: true });

const lineColAt = (text: string, offset: number) => {
  const { line, column } = pointFinder(text)(offset);
  return { line, column };
};

/** Decode bytes as UTF-8 text, or say why they are not. */
export function decode(bytes: Uint8Array): { text: string; problem?: LintFile['readProblem'] } {
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    const head = new TextDecoder('utf-8').decode(bytes.subarray(0, nul));
    return { text: '', problem: { message: 'Unexpected binary content (a NUL byte), expected a UTF-8 text file', place: lineColAt(head, head.length) } };
  }
  try {
    let text = decoder.decode(bytes);
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return { text };
  } catch {
    const at = firstInvalidUtf8(bytes);
    const head = new TextDecoder('utf-8').decode(bytes.subarray(0, at));
    return { text: '', problem: { message: `Unexpected byte \`0x${(bytes[at] ?? 0).toString(16).padStart(2, '0')}\`, expected UTF-8 text`, place: lineColAt(head, head.length) } };
  }
}

/** Offset of the first byte that does not start a well-formed UTF-8 sequence (RFC 3629). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0 || i + need >= bytes.length) return i;
    for (let k = 1; k <= need; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return i;
    // Overlongs, surrogates and values past U+10FFFF are invalid even when the shape is right.
    if ((b === 0xe0 && bytes[i + 1] < 0xa0) || (b === 0xed && bytes[i + 1] > 0x9f) || (b === 0xf0 && bytes[i + 1] < 0x90) || (b === 0xf4 && bytes[i + 1] > 0x8f)) return i;
    i += need + 1;
  }
  return bytes.length;
}

