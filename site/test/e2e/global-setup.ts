/**
 * Build the real site once for every e2e test file (each used to build its own copy), unless KB_E2E_DIST
 * already points at a build. Test files get the folder through `inject('e2eDist')` (see built.ts).
 */
import type { TestProject } from 'vitest/node';
import { siteDist } from '../serve.ts';
import type {} from './built.ts';

export default async function setup(project: TestProject) {
  project.provide('e2eDist', await siteDist(process.env.KB_E2E_DIST, 'e2e-dist'));
}
