#!/usr/bin/env node
/** Thin wrapper: hand the process to `main` and turn its answer into an exit code. */
import { main } from './src/cli.ts';

// A closed pipe (`kb-lint --help | head`) is the reader's choice, not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

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
