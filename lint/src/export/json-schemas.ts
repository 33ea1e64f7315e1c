/**
 * schemas/<collection>.schema.json from the content model: what `kb-lint export schemas` writes, and which
 * committed files differ from it (its `--check`, which CI and the tests use).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { frontmatterJsonSchemaFiles } from '../schema/json-schema.ts';

/** Paths (root-relative) whose committed text differs from the generated text, missing files included. */
export async function staleSchemas(root: string): Promise<string[]> {
  const out: string[] = [];
  for (const [path, text] of frontmatterJsonSchemaFiles()) {
    const current = await readFile(join(root, path), 'utf8').catch(() => undefined);
    if (current !== text) out.push(path);
  }
  return out;
}

/** Writes every schema file under `root`; resolves to their root-relative paths. */
export async function writeSchemas(root: string): Promise<string[]> {
  const files = frontmatterJsonSchemaFiles();
  for (const [path, text] of files) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  }
  return [...files.keys()];
}
