/**
 * With `KB_BUILD_TIMINGS=1`, `astro build` ends with a table of its steps' wall-clock and CPU seconds, read
 * between Astro's integration hooks: start-up and config, content sync, the Vite bundle with page generation
 * (Astro's own log splits those two), and what runs after (Pagefind, the sitemap, the CSP pass, in that order). CPU is the whole process's (user +
 * system, V8's helper threads included, Pagefind's child process not), which a busy neighbour on a shared
 * machine moves less than the wall clock. docs/PERFORMANCE.md's build table was taken with it.
 */
import type { AstroIntegration } from 'astro';

interface Mark { step: string; wall: number; cpu: number }

const now = (step: string): Mark => {
  const { user, system } = process.cpuUsage();
  return { step, wall: performance.now() / 1000, cpu: (user + system) / 1e6 };
};

/** Goes last in `integrations`, so its `astro:build:done` runs after every other integration's. */
export function buildTimings(): AstroIntegration {
  const marks: Mark[] = [{ step: 'start', wall: 0, cpu: 0 }];
  const mark = (step: string) => {
    if (!marks.some((m) => m.step === step)) marks.push(now(step));
  };
  return {
    name: 'guide-build-timings',
    hooks: process.env.KB_BUILD_TIMINGS
      ? {
          'astro:config:setup': () => mark('start-up: Node, Astro, astro.config.mjs'),
          'astro:build:start': () => mark('content sync (and Vite set up)'),
          'astro:build:generated': () => mark('Vite bundle and page generation'),
          'astro:build:done': ({ logger }) => {
            mark('after the pages: Pagefind, sitemap, CSP pass');
            const rows = marks.slice(1).map((m, i) => `${m.step.padEnd(46)} ${(m.wall - marks[i].wall).toFixed(2).padStart(7)} s wall ${(m.cpu - marks[i].cpu).toFixed(2).padStart(7)} s CPU`);
            logger.info(`step timings:\n${rows.join('\n')}`);
          },
        }
      : {},
  };
}
