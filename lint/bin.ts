#!/usr/bin/env node
/** Thin wrapper: hand the process to `main` and turn its answer into an exit code. */
import { main } from './src/cli.ts';

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
