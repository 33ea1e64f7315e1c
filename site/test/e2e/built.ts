/** The folder of the real site built once by global-setup.ts. */
import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    e2eDist: string;
  }
}

export const builtSite = (): string => inject('e2eDist');
