#!/usr/bin/env -S node --max-semi-space-size=8
// The flag caps V8's young generation at 8 MiB a half (by default it grows to 64): a parser's garbage dies
// young, so a bigger nursery only adds resident memory, about 100 MiB at 12 MiB of Markdown, and no speed
// (bench/lint.ts measures both). It can only be given when the process starts, hence here and in the npm
// scripts (`node --max-semi-space-size=8 lint/bin.js`, kept equal by lint/test/launcher.test.ts).
// kb-lint's entry point. Plain JavaScript on purpose: Node's compile cache has to be switched on before the
// first TypeScript file is read, or every run pays for stripping types from the whole linter again
// (about half a second of a re-run that has nothing else to do). The cache lives where Node puts it
// (NODE_COMPILE_CACHE, or a folder under the system's temporary directory) and is keyed by file contents.
import module from 'node:module';

const cache = module.enableCompileCache?.();
// Worker threads start their own module loaders; the variable lets them find the same cache.
if (cache?.directory && !process.env.NODE_COMPILE_CACHE) process.env.NODE_COMPILE_CACHE = cache.directory;

// A closed pipe (`kb-lint --help | head`) is the reader's choice, not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

const { main } = await import('./src/cli.ts');
main({
  argv: process.argv.slice(2),
  cwd: process.cwd(),
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  env: process.env,
}).then(
  (code) => (process.exitCode = code),
  (error) => {
    process.stderr.write(`kb-lint: internal error: ${String(error)}\n`);
    process.exitCode = 2;
  },
);
