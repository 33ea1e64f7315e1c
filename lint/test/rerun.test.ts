/**
 * A re-run with nothing changed is answered from the cache without loading the Markdown parser (about a
 * quarter of a second of module loading) or recheck (0.50 → 0.39 s for a re-run of the real corpus); any
 * edit loads the parser again. Checked by watching what the process
 * resolves, not by timing it.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { baseCorpus, tempDirs, writeTree } from './corpus.ts';

const BIN = fileURLToPath(new URL('../bin.js', import.meta.url));
const temp = tempDirs('kb-rerun-');

describe('a re-run with nothing changed', () => {
  it('does not load the parser, and an edit does', () => {
    const root = writeTree(temp(), baseCorpus());
    const hook = join(temp(), 'watch.mjs');
    writeFileSync(hook, `import { registerHooks } from 'node:module';\nregisterHooks({ resolve(specifier, context, next) { const r = next(specifier, context); if (/\\/(micromark|remark-parse)\\//.test(r.url)) process.stderr.write('PARSER ' + r.url + '\\n'); if (/\\/recheck\\//.test(r.url)) process.stderr.write('RECHECK ' + r.url + '\\n'); return r; } });\n`);
    const run = () => spawnSync(process.execPath, ['--import', hook, BIN, '--root', root, '--today', '2026-11'], { encoding: 'utf8' });
    const cold = run();
    expect(cold.status, cold.stderr).toBe(0);
    expect(cold.stderr).toContain('PARSER');
    const warm = run();
    expect(warm.status, warm.stderr).toBe(0);
    expect(warm.stderr).not.toContain('PARSER');
    // Nor the ReDoS checker (2.6 MB of Scala.js): it is loaded when a regex signature needs proving.
    expect(warm.stderr).not.toContain('RECHECK');
    expect(warm.stderr).toMatch(/\d+ file\(s\) checked/);
    appendFileSync(join(root, 'content/gotchas/alpha/al1-disk-full.md'), '\nOne more sentence.\n');
    expect(run().stderr).toContain('PARSER');
  });
});
