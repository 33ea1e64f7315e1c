/**
 * Build the real site once for every e2e test file (each used to build its own copy), unless KB_E2E_DIST
 * already points at a build. Test files get the folder through `inject('e2eDist')` (see built.ts).
 */
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildSite, ROOT } from '../serve.ts';
import type {} from './built.ts';

export default async function setup(project: TestProject) {
  let out = process.env.KB_E2E_DIST;
  if (!out) {
    out = join(ROOT, '.cache/e2e-dist');
    const { code, output } = await buildSite({ outDir: out });
    if (code !== 0) throw new Error(`site build failed:\n${output.slice(-3000)}`);
  }
  project.provide('e2eDist', out);
}
