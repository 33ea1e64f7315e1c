import { describe, expect, it } from 'vitest';
import { looksLikeErrorPaste, looksLikePaste } from './paste.ts';

describe('looksLikePaste', () => {
  it('takes several lines, or more than anyone types, for a paste', () => {
    expect(looksLikePaste('Traceback (most recent call last):\n  File "train.py"')).toBe(true);
    expect(looksLikePaste('x'.repeat(161))).toBe(true);
    expect(looksLikePaste('x'.repeat(160))).toBe(false);
    expect(looksLikePaste('nccl timeout')).toBe(false);
  });
});

describe('looksLikeErrorPaste', () => {
  it('diagnoses one short error line, as copied from the end of a dead run', () => {
    expect(looksLikeErrorPaste('torch.OutOfMemoryError: CUDA out of memory')).toBe(true);
    expect(looksLikeErrorPaste('[rank0]: RuntimeError: NCCL error')).toBe(true);
  });

  it('leaves plain words and blank text to the search', () => {
    expect(looksLikeErrorPaste('checkpoint volume')).toBe(false);
    expect(looksLikeErrorPaste('   ')).toBe(false);
  });
});
