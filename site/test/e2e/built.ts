/** The folder of the real site built once by global-setup.ts. */
import { readdirSync } from 'node:fs';
import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    e2eDist: string;
  }
}

export const builtSite = (): string => inject('e2eDist');

/** Every HTML page of a build, as a site path (`/gotchas/u6/`). */
export function allPages(dist: string): string[] {
  return readdirSync(dist, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('index.html'))
    .map((f) => `/${f.slice(0, -'index.html'.length)}`)
    .sort();
}
