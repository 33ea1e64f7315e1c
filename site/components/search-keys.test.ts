import { describe, expect, it } from 'vitest';
import { nextStop } from './search-keys.ts';

// nextStop only compares identities, so plain objects stand in for the query box and the result links.
const input = { name: 'input' } as unknown as HTMLElement;
const links = ['first', 'second', 'third'].map((name) => ({ name }) as unknown as HTMLElement);

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
    expect(nextStop('ArrowDown', { name: 'checkbox' } as unknown as HTMLElement, input, links)).toBeNull();
    expect(nextStop('Enter', links[0], input, links)).toBeNull();
  });
});
