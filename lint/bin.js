#!/usr/bin/env -S node --max-semi-space-size=8 --no-allocation-site-pretenuring
// Two V8 flags for parsing thousands of files, which can only be given as the process starts, so they sit here
// and in the npm scripts (kept equal by lint/test/launcher.test.ts). The first caps the young generation at
// 8 MiB a half (it grows to 64 by default): a parser's garbage dies young, so a bigger nursery adds resident
// memory, ~100 MiB at 12 MiB of Markdown, and no speed. The second stops pretenuring: a scavenge that lands
// mid-file finds that file's tokens alive, V8 then allocates every later file's tree in the old generation,
// freed only by full collections; on 5,000 gotchas that tripled scavenge time. bench/lint.ts shows both.
//
// kb-lint's entry point. Plain JavaScript on purpose: Node's compile cache has to be switched on before the
// first TypeScript file is read, or every run pays for stripping types from the whole linter again
// (about half a second of a re-run that has nothing else to do). The cache lives where Node puts it
// (NODE_COMPILE_CACHE, or a folder under the system's temporary directory) and is keyed by file contents.
import module from 'node:module';
import { fdWriter } from './fd-writer.js';

const cache = module.enableCompileCache?.();
// Worker threads start their own module loaders; the variable lets them find the same cache.
if (cache?.directory && !process.env.NODE_COMPILE_CACHE) process.env.NODE_COMPILE_CACHE = cache.directory;

// A closed pipe (`kb-lint --help | head`) is the reader's choice, not an error worth a stack trace.
const closed = () => process.exit(process.exitCode ?? 0);
const stream = (name) => () => {
  const s = process[name];
  if (!s.listenerCount('error')) {
    s.on('error', (error) => {
      if (error.code === 'EPIPE') closed();
      throw error;
    });
  }
  return s;
};
const stdout = fdWriter(1, stream('stdout'), closed);
const stderr = fdWriter(2, stream('stderr'), closed);

const { main } = await import('./src/cli.ts');
main({
  argv: process.argv.slice(2),
  cwd: process.cwd(),
  stdout,
  stderr,
  env: process.env,
}).then(
  (code) => (process.exitCode = code),
  (error) => {
    stderr(`kb-lint: internal error: ${String(error)}\n`);
    process.exitCode = 2;
  },
);
