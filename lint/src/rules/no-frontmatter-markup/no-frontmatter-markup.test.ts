import { describe, expect, it } from 'vitest';
import { markupIn } from './index.ts';

describe('no-frontmatter-markup', () => {
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
