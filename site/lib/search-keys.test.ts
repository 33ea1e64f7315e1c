import { describe, expect, it } from 'vitest';
import { nextStop, resultsSentence } from './search-keys.ts';
import { SEARCH } from './ui-strings.ts';

// nextStop only compares identities, so plain objects stand in for the query box and the result links.
const input = { name: 'input' };
const links = ['first', 'second', 'third'].map((name) => ({ name }));

describe('nextStop', () => {
  it('Down goes from the query to the first result, then on to the last, where it stays', () => {
    expect(nextStop('ArrowDown', input, input, links)).toBe(links[0]);
    expect(nextStop('ArrowDown', links[0], input, links)).toBe(links[1]);
    expect(nextStop('ArrowDown', links[2], input, links)).toBe(links[2]);
  });

  it('Up goes back, and from the first result to the query', () => {
    expect(nextStop('ArrowUp', links[2], input, links)).toBe(links[1]);
    expect(nextStop('ArrowUp', links[0], input, links)).toBe(input);
  });

  it('leaves the key alone where it has its own meaning or nothing to reach', () => {
    // Up in the query box moves the caret; Down with no results has nowhere to go.
    expect(nextStop('ArrowUp', input, input, links)).toBeNull();
    expect(nextStop('ArrowDown', input, input, [])).toBeNull();
    // A filter checkbox or the "Load more" button is not a result.
    expect(nextStop('ArrowDown', { name: 'checkbox' }, input, links)).toBeNull();
    expect(nextStop('Enter', links[0], input, links)).toBeNull();
  });
});

describe('resultsSentence', () => {
  const final = { term: 'nccl timeout', settled: 'nccl timeout', relaxed: false, message: '3 results for nccl timeout ', count: 3 };

  it('says the count once the results are final, and how to reach them', () => {
    expect(resultsSentence(final)).toBe('3 results for nccl timeout. Press the down arrow key to move through them.');
    expect(resultsSentence({ ...final, message: 'No results for nccl timeout', count: 0 })).toBe('No results for nccl timeout');
  });

  it('speaks the page language: on a Chinese page the hint is Chinese', () => {
    const zh = { ...final, term: '数据盘', settled: '数据盘', message: '找到 3 个“数据盘”的结果' };
    expect(resultsSentence(zh, SEARCH['zh-cn'])).toBe('找到 3 个“数据盘”的结果。按向下方向键逐条浏览。');
  });

  it('stays quiet while the results are not final or not Pagefind UI\'s own', () => {
    expect(resultsSentence({ ...final, settled: 'nccl' })).toBeNull();
    expect(resultsSentence({ ...final, settled: undefined })).toBeNull();
    expect(resultsSentence({ ...final, term: '', settled: '' })).toBeNull();
    // The forgiving list announces its own note.
    expect(resultsSentence({ ...final, relaxed: true })).toBeNull();
    expect(resultsSentence({ ...final, message: '  ' })).toBeNull();
    expect(resultsSentence({ ...final, count: undefined })).toBeNull();
  });
});
