import { describe, expect, it } from 'vitest';
import { lintCorpus, only } from '../../../test/corpus.ts';
import { dangerousScheme } from './index.ts';

describe('no-raw-html', () => {
  it('reads the scheme as a browser does', () => {
    expect(dangerousScheme(' JaVa\tScRiPt:alert(1)')).toBe('javascript');
    expect(dangerousScheme('\u0001data:text/html,x')).toBe('data');
    expect(dangerousScheme('https://example.com/javascript:')).toBeUndefined();
    expect(dangerousScheme('/gotchas/m14/')).toBeUndefined();
  });

  it('reads the rule docs the site publishes, as it reads content', async () => {
    const path = 'lint/src/rules/no-todo/docs.md';
    const found = only(await lintCorpus({ [path]: '# no-todo\n\nText <img src="//example.com/x.png"> and `<img>` in code.\n' }), 'no-raw-html');
    expect(found).toEqual([`${path}:3:6 error no-raw-html Unexpected raw HTML element \`<img>\`, expected Markdown or one of \`<br>\`, \`<kbd>\`, \`<sub>\`, \`<sup>\`, \`<details>\`, \`<summary>\``]);
  });
});
