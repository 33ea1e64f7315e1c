/**
 * A re-run with nothing changed is answered from the cache without loading the Markdown parser (about a
 * quarter of a second of module loading) or the regex engine signatures run on; any edit loads the parser
 * again. Checked by watching what the process (and any thread it starts) resolves, not by timing it.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { baseCorpus, GOTCHA, tempDirs, writeTree } from './corpus.ts';

const BIN = fileURLToPath(new URL('../bin.js', import.meta.url));
const temp = tempDirs('kb-rerun-');

describe('a re-run with nothing changed', () => {
  it('does not load the parser, and an edit does', () => {
    // One regex signature, so the cold run has a pattern to compile.
    const root = writeTree(temp(), { ...baseCorpus(), 'content/gotchas/alpha/al1-disk-full.md': GOTCHA('AL1', "related: [AL2]\nsignatures:\n  - regex: 'No space left on [a-z]+'\n") });
    const hook = join(temp(), 'watch.mjs');
    writeFileSync(hook, `import { registerHooks } from 'node:module';\nregisterHooks({ resolve(specifier, context, next) { const r = next(specifier, context); if (/\\/(micromark|remark-parse)\\//.test(r.url)) process.stderr.write('PARSER ' + r.url + '\\n'); if (/\\/re2js\\//.test(r.url)) process.stderr.write('RE2 ' + r.url + '\\n'); return r; } });\n`);
    const run = () => spawnSync(process.execPath, ['--import', hook, BIN, '--root', root, '--today', '2026-11'], { encoding: 'utf8' });
    const cold = run();
    expect(cold.status, cold.stderr).toBe(0);
    expect(cold.stderr).toContain('PARSER');
    expect(cold.stderr).toContain('RE2');
    const warm = run();
    expect(warm.status, warm.stderr).toBe(0);
    expect(warm.stderr).not.toContain('PARSER');
    // Nor the regex engine: the cache holds the rule's verdict.
    expect(warm.stderr).not.toContain('RE2');
    expect(warm.stderr).toMatch(/\d+ file\(s\) checked/);
    appendFileSync(join(root, 'content/gotchas/alpha/al1-disk-full.md'), '\nOne more sentence.\n');
    expect(run().stderr).toContain('PARSER');
  });
});
