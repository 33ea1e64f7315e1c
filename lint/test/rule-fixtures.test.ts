/**
 * One scenario runner for every rule fixture: each file under lint/src/rules/<id>/fixtures/ is linted where its
 * `expect` block says, and must give exactly the findings its markers list (lint/test/fixture.ts), no fewer
 * and no more. A rule's own test file keeps only what a fixture cannot say (other paths, other options,
 * helper functions).
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkFixture, readMarkers, says } from './fixture.ts';

const RULES = fileURLToPath(new URL('../src/rules/', import.meta.url));
const FIXTURES = readdirSync(RULES, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) => {
    const dir = `${RULES}${d.name}/fixtures`;
    try {
      return readdirSync(dir).map((name) => [d.name, name] as const);
    } catch {
      return [];
    }
  })
  // Translation fixtures carry a placeholder hash that their own test fills in; they are not scenarios.
  .filter(([rule]) => rule !== 'translation')
  .sort();

describe('rule fixtures', () => {
  it('finds the fixtures', () => {
    expect(FIXTURES.length).toBeGreaterThanOrEqual(25);
  });

  it.each(FIXTURES)('%s/fixtures/%s gives exactly the findings it marks', async (rule, name) => {
    expect(await checkFixture(rule, name)).toEqual({ missing: [], extra: [] });
  });
});

describe('the marker reader', () => {
  const clean = '---\nid: AL3\n---\n\nText.\n\n<!-- expect at content/gotchas/alpha/al3-x.md\n-->\n';
  it('reads the path and the markers, with or without a message', () => {
    expect(readMarkers('a.md', clean.replace('\n-->', '\n12:1 error no-todo Unexpected placeholder\n3:5 warning carried-over\n-->'))).toEqual({
      at: 'content/gotchas/alpha/al3-x.md',
      markers: [
        { line: 12, column: 1, severity: 'error', ruleId: 'no-todo', message: 'Unexpected placeholder' },
        { line: 3, column: 5, severity: 'warning', ruleId: 'carried-over', message: '' },
      ],
    });
    expect(readMarkers('a.sh', 'echo hi\n# expect at scripts/x.sh\n# 2:1 error template-env Unexpected\n')).toEqual({
      at: 'scripts/x.sh',
      markers: [{ line: 2, column: 1, severity: 'error', ruleId: 'template-env', message: 'Unexpected' }],
    });
  });
  it('matches a message by its start, `…` standing for any text', () => {
    const message = 'Unexpected placeholder `TODO` in section “Fix”, expected the real source URL';
    expect(says(message, 'Unexpected placeholder')).toBe(true);
    expect(says(message, 'Unexpected placeholder … in section “Fix”, expected the real source URL')).toBe(true);
    expect(says(message, 'Unexpected placeholder … in section “Symptom”')).toBe(false);
    expect(says(message, 'placeholder')).toBe(false);
  });
  it('refuses a fixture without a block, a block left open, and a line that is not a marker', () => {
    expect(() => readMarkers('a.md', '---\nid: AL3\n---\n')).toThrow(/no `expect at <path>` block/);
    expect(() => readMarkers('a.md', clean.replace('-->\n', ''))).toThrow(/must end with a line `-->`/);
    expect(() => readMarkers('a.md', clean.replace('\n-->', '\nline 12: no-todo\n-->'))).toThrow(/a\.md:8: `line 12: no-todo` is not/);
  });
});
