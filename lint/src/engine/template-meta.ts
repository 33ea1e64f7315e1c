/**
 * Script templates document themselves: a YAML block between two `# ---` comment lines near the top.
 * Read it as frontmatter so the same positioned schema errors apply.
 */
import { readFrontmatter, type Frontmatter } from './frontmatter.ts';

const FENCE = /^# ---\s*$/;

export function readTemplateMeta(text: string): Frontmatter {
  const lines = text.split(/\r?\n/);
  // The block must start within the first few lines (after the shebang and maybe a blank line).
  const open = lines.slice(0, 5).findIndex((l) => FENCE.test(l));
  if (open === -1) return readFrontmatter(undefined);
  const close = lines.findIndex((l, i) => i > open && FENCE.test(l));
  if (close === -1) return readFrontmatter(undefined, open + 1);
  // Every line loses its `# ` prefix; positions add it back so they point into the script.
  const yaml = lines
    .slice(open + 1, close)
    .map((l) => l.replace(/^# ?/, ''))
    .join('\n');
  return readFrontmatter(yaml, open + 1, 0, 2);
}
