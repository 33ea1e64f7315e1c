import { describe, expect, it } from 'vitest';
import { fixtureFindings } from '../../../test/fixture.ts';
import { lintCorpus, only } from '../../../test/corpus.ts';
import { markupIn } from './index.ts';

const at = 'content/gotchas/alpha/al3-queue-ignores-ctrl-c.md';

describe('no-frontmatter-markup', () => {
  it('allows code spans, placeholders and pasted error text', async () => {
    expect(await fixtureFindings('no-frontmatter-markup', 'ok-allowed.md', at)).toEqual([]);
  });

  it('reports markup, references, attribute text and script URLs in any field, at the value', async () => {
    expect(await fixtureFindings('no-frontmatter-markup', 'not-ok-hostile.md', at)).toEqual([
      `${at}:3:8 error no-frontmatter-markup Unexpected markup \`</title\` in \`title\`, expected plain text`,
      `${at}:7:8 error no-frontmatter-markup Unexpected markup \`<main\` in \`tags[0]\`, expected plain text`,
      `${at}:8:36 error no-frontmatter-markup Unexpected attribute text \`onmouseover=\` in \`keywords[1]\`, expected plain text`,
      `${at}:8:66 error no-frontmatter-markup Unexpected character reference \`&lt;\` in \`keywords[2]\`, expected plain text`,
      `${at}:10:12 error no-frontmatter-markup Unexpected markup \`<meta\` in \`sources[0].title\`, expected plain text`,
      `${at}:11:10 error no-frontmatter-markup Unexpected script URL \`javascript:\` in \`sources[0].url\`, expected plain text`,
      `${at}:14:12 error no-frontmatter-markup Unexpected markup \`<svg\` in \`sources[1].quote\`, expected plain text`,
    ]);
  });

  it('reads a script metadata block too', async () => {
    const path = 'scripts/run.sh';
    const { readFileSync } = await import('node:fs');
    const text = readFileSync(new URL('./fixtures/not-ok-template.sh', import.meta.url), 'utf8');
    const found = only(await lintCorpus({ [path]: text }), 'no-frontmatter-markup');
    expect(found).toEqual([
      `${path}:3:10 error no-frontmatter-markup Unexpected markup \`<template\` in \`title\`, expected plain text`,
      `${path}:4:12 error no-frontmatter-markup Unexpected character reference \`&#60;\` in \`purpose\`, expected plain text`,
      `${path}:9:20 error no-frontmatter-markup Unexpected markup \`<style\` in \`env.LOG_FILE.description\`, expected plain text`,
    ]);
  });

  it('sees through the spellings an attacker reaches for', () => {
    for (const vector of [
      'x <main',
      "x' autofocus onfocus='alert(1)",
      'JaVa\tScRiPt:alert(1)',
      '[click](javascript:alert(1))',
      '![x](data:image/svg+xml,%3Csvg%3E)',
      'data:text/html,hi',
      '&#x3c;svg&#x3e;',
      '&ltscript&gt',
      '<!-- x -->',
      '<x-el onclick=alert(1)>',
      '<image src=//example.com/i.png>',
      '``</title>``',
      '`a` </title> `b`',
    ]) expect(markupIn(vector), vector).toBeDefined();
    for (const text of ['`<script>` is code', 'Data: duplicated samples', 'a < b and c > d', '/mnt/<block-storage>/ckpts']) expect(markupIn(text), text).toBeUndefined();
  });
});
