/**
 * Writes schemas/<collection>.schema.json from the content model, or with `--check` only says whether the
 * committed files are current (exit 1 when not), which CI and the tests use. Run it directly
 * (`node lint/src/export/json-schemas.ts`) or as `kb-lint export schemas`.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Io } from '../io.ts';
import { UsageError } from '../files.ts';
import { frontmatterJsonSchemaFiles } from '../schema/json-schema.ts';

export const SCHEMAS_HELP = `Usage: kb-lint export schemas [--check] [--root DIR]

Writes schemas/<collection>.schema.json (JSON Schema of each collection's frontmatter) from the Zod content
model in lint/src/schema/. Editors use them to complete and check frontmatter (docs/EDITORS.md).

Options:
  --check       write nothing; exit 1 and name the files that differ from what would be written
  --root <dir>  project root (default: the current directory)
  -h, --help    show this help

Exit codes: 0 written (or current), 1 out of date (--check), 2 usage or internal error.
`;

/** Paths (root-relative) whose committed text differs from the generated text, missing files included. */
export async function staleSchemas(root: string): Promise<string[]> {
  const out: string[] = [];
  for (const [path, text] of frontmatterJsonSchemaFiles()) {
    const current = await readFile(join(root, path), 'utf8').catch(() => undefined);
    if (current !== text) out.push(path);
  }
  return out;
}

export async function jsonSchemasMain(io: Io, argv: readonly string[]): Promise<number> {
  try {
    const { values } = parseArgs({
      args: [...argv],
      allowPositionals: false,
      strict: true,
      options: { check: { type: 'boolean', default: false }, root: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } },
    });
    if (values.help) return io.stdout(SCHEMAS_HELP), 0;
    const root = values.root ? resolve(io.cwd, values.root) : io.cwd;
    if (values.check) {
      const stale = await staleSchemas(root);
      if (!stale.length) return io.stderr('JSON Schemas are current\n'), 0;
      io.stderr(`Out of date: ${stale.join(', ')}\nRegenerate with \`npm run export:schemas\` and commit the result.\n`);
      return 1;
    }
    const files = frontmatterJsonSchemaFiles();
    for (const [path, text] of files) {
      await mkdir(dirname(join(root, path)), { recursive: true });
      await writeFile(join(root, path), text);
    }
    io.stderr(`Wrote ${[...files.keys()].join(', ')}\n`);
    return 0;
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`kb-lint export schemas: ${(error as Error).message}\nRun \`kb-lint export schemas --help\` for usage.\n`);
      return 2;
    }
    io.stderr(`kb-lint export schemas: internal error: ${(error as Error).stack ?? String(error)}\n`);
    return 2;
  }
}

if (import.meta.main) {
  process.exitCode = await jsonSchemasMain(
    { argv: process.argv.slice(2), cwd: process.cwd(), stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t), env: process.env },
    process.argv.slice(2),
  );
}
