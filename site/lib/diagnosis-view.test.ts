import { describe, expect, it } from 'vitest';
import { diagnosisSummary, localeMatch, titleParts } from './diagnosis-view.ts';
import { DIAGNOSE } from './ui-strings.ts';

describe('diagnosisSummary', () => {
  const result = { lines: 120, errorLines: 3, truncated: false };
  it('counts causes, lines and error lines, and says when the log was cut', () => {
    expect(diagnosisSummary({ ...result, matches: [{}] as never })).toBe('1 likely cause from 120 lines (3 distinct error lines).');
    expect(diagnosisSummary({ ...result, truncated: true, matches: [{}, {}] as never })).toBe('2 likely causes from 120 lines (3 distinct error lines); part of the log was cut.');
  });
  it('suggests what to paste when nothing matched', () => {
    expect(diagnosisSummary({ ...result, matches: [] })).toBe("No gotcha matched (120 lines read). Try pasting the last 50 lines, with the traceback's final line.");
  });
  it('speaks the language of the page it is given', () => {
    expect(diagnosisSummary({ ...result, truncated: true, matches: [{}, {}] as never }, DIAGNOSE['zh-cn'])).toBe('在 120 行里找到 2 个可能的原因（3 条不重复的报错行）；日志有一部分被截掉了。');
    expect(diagnosisSummary({ ...result, matches: [] }, DIAGNOSE['zh-cn'])).toMatch(/^没有匹配到坑点（已读 120 行）/);
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

describe('localeMatch', () => {
  const pages = { base: '/guide', prefix: '/guide/zh-cn', titles: { '/gotchas/rp4/': '关机的 Pod 仍在计费' } };
  it('links the translation under its translated title when the edition has one, else the English page and title', () => {
    expect(localeMatch('/guide/gotchas/rp4/', 'Stopped Pod still charging', pages)).toEqual({ url: '/guide/zh-cn/gotchas/rp4/', title: '关机的 Pod 仍在计费' });
    expect(localeMatch('/guide/gotchas/rp5/', 'Other', pages)).toEqual({ url: '/guide/gotchas/rp5/', title: 'Other' });
    expect(localeMatch('/guide/gotchas/rp4/', 'Stopped Pod still charging', undefined)).toEqual({ url: '/guide/gotchas/rp4/', title: 'Stopped Pod still charging' });
  });
  it('works without a base path', () => {
    expect(localeMatch('/gotchas/rp4/', 'T', { base: '', prefix: '/zh-cn', titles: { '/gotchas/rp4/': '译' } })).toEqual({ url: '/zh-cn/gotchas/rp4/', title: '译' });
  });
  it('takes no route from the object prototype for a translation', () => {
    expect(localeMatch('/constructor', 'T', { base: '', prefix: '/zh-cn', titles: {} })).toEqual({ url: '/constructor', title: 'T' });
  });
});
