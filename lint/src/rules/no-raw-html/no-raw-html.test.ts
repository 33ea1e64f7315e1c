import { describe, expect, it } from 'vitest';
import { fixtureFindings } from '../../../test/fixture.ts';
import { lintCorpus, only } from '../../../test/corpus.ts';
import { dangerousScheme } from './index.ts';

const at = 'content/gotchas/alpha/al3-queue-ignores-ctrl-c.md';

describe('no-raw-html', () => {
  it('allows bare <kbd>, <sub>, <sup>, <br>, <details>, comments and HTML inside code', async () => {
    expect(await fixtureFindings('no-raw-html', 'ok-allowed.md', at)).toEqual([]);
  });

  it('reports script-capable elements, attributes on allowed ones and script URLs, positioned', async () => {
    expect(await fixtureFindings('no-raw-html', 'not-ok-hostile.md', at)).toEqual([
      `${at}:16:1 error no-raw-html Unexpected raw HTML element \`<script>\`, expected Markdown or one of \`<br>\`, \`<kbd>\`, \`<sub>\`, \`<sup>\`, \`<details>\`, \`<summary>\``,
      `${at}:18:11 error no-raw-html Unexpected raw HTML element \`<img>\`, expected Markdown or one of \`<br>\`, \`<kbd>\`, \`<sub>\`, \`<sup>\`, \`<details>\`, \`<summary>\``,
      `${at}:20:1 error no-raw-html Unexpected raw HTML element \`<svg>\`, expected Markdown or one of \`<br>\`, \`<kbd>\`, \`<sub>\`, \`<sup>\`, \`<details>\`, \`<summary>\``,
      `${at}:24:1 error no-raw-html Unexpected raw HTML element \`<iframe>\`, expected Markdown or one of \`<br>\`, \`<kbd>\`, \`<sub>\`, \`<sup>\`, \`<details>\`, \`<summary>\``,
      `${at}:25:1 error no-raw-html Unexpected raw HTML element \`<style>\`, expected Markdown or one of \`<br>\`, \`<kbd>\`, \`<sub>\`, \`<sup>\`, \`<details>\`, \`<summary>\``,
      `${at}:27:10 error no-raw-html Unexpected attribute on raw \`<kbd>\`, expected the bare tag`,
      `${at}:31:1 error no-raw-html Unexpected \`javascript:\` URL in a link, expected an \`https:\` URL or a guide link`,
      `${at}:31:34 error no-raw-html Unexpected \`javascript:\` URL in a link, expected an \`https:\` URL or a guide link`,
      `${at}:31:66 error no-raw-html Unexpected \`data:\` URL in an image, expected an \`https:\` URL or a guide link`,
      `${at}:33:1 error no-raw-html Unexpected \`vbscript:\` URL in a link, expected an \`https:\` URL or a guide link`,
    ]);
  });

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
