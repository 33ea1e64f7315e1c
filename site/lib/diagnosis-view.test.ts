import { describe, expect, it } from 'vitest';
import { diagnosisSummary, localeUrl, titleParts } from './diagnosis-view.ts';

describe('diagnosisSummary', () => {
  const result = { lines: 120, errorLines: 3, truncated: false };
  it('counts causes, lines and error lines, and says when the log was cut', () => {
    expect(diagnosisSummary({ ...result, matches: [{}] as never })).toBe('1 likely cause from 120 lines (3 distinct error lines).');
    expect(diagnosisSummary({ ...result, truncated: true, matches: [{}, {}] as never })).toBe('2 likely causes from 120 lines (3 distinct error lines); part of the log was cut.');
  });
  it('suggests what to paste when nothing matched', () => {
    expect(diagnosisSummary({ ...result, matches: [] })).toBe("No gotcha matched (120 lines read). Try pasting the last 50 lines, with the traceback's final line.");
  });
});

describe('titleParts', () => {
  it('splits a title into text and code spans, markup kept as text', () => {
    expect(titleParts('`torch.save` fails with `<b>` in the path')).toEqual([
      { code: true, text: 'torch.save' },
      { code: false, text: ' fails with ' },
      { code: true, text: '<b>' },
      { code: false, text: ' in the path' },
    ]);
    expect(titleParts('An unclosed ` backtick')).toEqual([{ code: false, text: 'An unclosed ` backtick' }]);
  });
});

describe('localeUrl', () => {
  const pages = { base: '/guide', prefix: '/guide/zh-cn', routes: ['/gotchas/rp4/'] };
  it('links the translation when the edition has one, else the English page', () => {
    expect(localeUrl('/guide/gotchas/rp4/', pages)).toBe('/guide/zh-cn/gotchas/rp4/');
    expect(localeUrl('/guide/gotchas/rp5/', pages)).toBe('/guide/gotchas/rp5/');
    expect(localeUrl('/guide/gotchas/rp4/', undefined)).toBe('/guide/gotchas/rp4/');
  });
  it('works without a base path', () => {
    expect(localeUrl('/gotchas/rp4/', { base: '', prefix: '/zh-cn', routes: ['/gotchas/rp4/'] })).toBe('/zh-cn/gotchas/rp4/');
  });
});
