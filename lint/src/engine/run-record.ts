/**
 * The whole-run shortcut. After a run, the command line writes down what it reported together with a key
 * over everything that decided it: the linter and its options (the cache key), every corpus path with the
 * hash of its bytes, and the files reported on. A later run that arrives at the same key prints the recorded
 * findings without loading the parser, the schemas or the rules, which is most of what an unchanged re-run
 * would otherwise spend. Any difference, one byte in one file included, misses and runs the real thing.
 */
import { join } from 'node:path';
import type { Finding, RunConfig } from './analyse.ts';
import { digester } from './digest.ts';
import { cacheKey } from './keys.ts';
import { keepNewest } from './prune.ts';
// Builtins through process.getBuiltinModule, not import: see lint/src/cli.ts.
const { mkdir, readFile, rename, rm, writeFile } = process.getBuiltinModule('node:fs/promises');

/** Bump when the layout of a record changes. */
const FORMAT = 1;
/** Records kept side by side: a full run, a `--changed` run and a few path selections need not evict each other. */
const KEEP = 8;
const NAME = /^[0-9a-f]{24}\.[0-9a-f]{16}\.run\.json$/;

export interface RunInput {
  config: RunConfig;
  /** Every file linted, sorted, root-relative. */
  paths: readonly string[];
  /** Content hash per path; undefined for a file that could not be read. */
  hashes: readonly (string | undefined)[];
  /** Why each unreadable file could not be read (part of the answer, so part of the key). */
  errors: readonly (string | undefined)[];
  /** Files reported on; undefined means all of `paths`. */
  targets?: readonly string[];
  /** Anything else the command line's answer depends on (files a change adds, for `--changed`). */
  extra?: readonly string[];
}

interface RunRecord {
  format: number;
  key: string;
  findings: readonly Finding[];
}

const hex = (...parts: string[]) => digester().update(parts.join('\0')).digest();

/** Where a configuration's record for one target selection lives, and the key the record must carry. */
function locate(dir: string, input: RunInput): { file: string; key: string } {
  const config = cacheKey(input.config);
  const selection = hex('targets', ...(input.targets ?? ['\u0001all'])).slice(0, 16);
  const hash = digester().update(`${FORMAT}\0${config}\0`);
  input.paths.forEach((path, i) => hash.update(`${path}\0${input.hashes[i] ?? `!${input.errors[i] ?? ''}`}\0`));
  hash.update(`targets\0${(input.targets ?? []).join('\0')}\0extra\0${(input.extra ?? []).join('\0')}`);
  return { file: join(dir, `${config}.${selection}.run.json`), key: hash.digest() };
}

/** The findings of an earlier run with exactly this input, or undefined. A damaged record is a miss. */
export async function recalled(dir: string, input: RunInput): Promise<Finding[] | undefined> {
  const { file, key } = locate(dir, input);
  try {
    const record = JSON.parse(await readFile(file, 'utf8')) as RunRecord;
    return record.format === FORMAT && record.key === key && Array.isArray(record.findings) ? [...record.findings] : undefined;
  } catch {
    return undefined;
  }
}

/** Write down a run's findings for its input, atomically; a folder that cannot be written is left alone. */
export async function remember(dir: string, input: RunInput, findings: readonly Finding[]): Promise<void> {
  const { file, key } = locate(dir, input);
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(temporary, JSON.stringify({ format: FORMAT, key, findings } satisfies RunRecord));
    await rename(temporary, file);
    await keepNewest(dir, NAME, KEEP);
  } catch {
    // A read-only checkout costs the next run its shortcut, never this run its answer.
    await rm(temporary, { force: true }).catch(() => undefined);
  }
}
