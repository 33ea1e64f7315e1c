#!/usr/bin/env -S node --max-semi-space-size=8 --no-allocation-site-pretenuring
// Two V8 flags that can only be given as the process starts, so they sit here and in the npm scripts (kept
// equal by lint/test/launcher.test.ts). A parser's garbage dies young: a young generation capped at 8 MiB a
// half, and no pretenuring of tokens a scavenge found alive mid-file, cut a bare parse's time by 9-16 % and
// its peak memory by a third to a half (bench/lint.ts, "same, under kb-lint's V8 flags"; docs/PERFORMANCE.md).
//
// kb-lint's entry point. Plain JavaScript, so that any Node can start it: the linter itself is TypeScript,
// which Node runs by stripping types (Node 22.18 and later). An older Node re-runs this file under the
// project's pinned Node (the `node` package, a dependency for this reason) instead of failing on `.ts`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import module, { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

if (!process.features.typescript) {
  let pinned;
  try {
    pinned = join(dirname(createRequire(import.meta.url).resolve('node/package.json')), 'bin', 'node');
  } catch {
    // Not installed: said below.
  }
  if (!pinned || !existsSync(pinned) || process.env.KB_LINT_REEXEC) {
    process.stderr.write(`kb-lint: Node ${process.version} cannot run TypeScript; use Node 22.18 or later, or run \`npm ci\` to install the pinned Node\n`);
    process.exit(2);
  }
  const child = spawnSync(pinned, [...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit', env: { ...process.env, KB_LINT_REEXEC: '1' } });
  process.exit(child.status ?? 2);
}

// Node's compile cache keeps the type-stripped sources between runs (keyed by file contents): without it every
// run strips the whole linter again, most of what a re-run with nothing changed would cost.
module.enableCompileCache?.();

// A closed pipe (`kb-lint --help | head`) is the reader's choice, not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) stream.on('error', (error) => (error.code === 'EPIPE' ? process.exit(process.exitCode ?? 0) : Promise.reject(error)));

// Every command goes through the one dispatcher, which loads only the command asked for: `diagnose`, what
// someone runs the moment a job dies, skips the linter's rules and loaders; `mcp` keeps stdout for the protocol.
const { main } = await import('./src/cli.ts');
main({
  argv: process.argv.slice(2),
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
}).then(
  (code) => (process.exitCode = code),
  (error) => {
    process.stderr.write(`kb-lint: internal error: ${String(error)}\n`);
    process.exitCode = 2;
  },
);
