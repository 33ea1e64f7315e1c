/**
 * `kb-lint diagnose <file|->`: a thin shell around the engine. Reads the log (a file, or stdin for `-`),
 * answers from the index of the content (cached in .cache/kb-lint/, rebuilt when any content file changed;
 * index-cache.ts) or from a built index given with `--index`, and prints the top matches. Exit 0 with matches, 1 with none, 2 on usage or internal errors.
 */
import { open, readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Io } from '../io.ts';
import { UsageError } from '../files.ts';
import { diagnose, type DiagnoseResult } from './engine.ts';
import type { DiagnosisIndex } from './index-data.ts';
import { cachedDiagnosisIndex } from './index-cache.ts';
import { failCommand } from '../io.ts';
import { MAX_LOG_BYTES, MAX_LOG_SHOWN } from './log-limit.ts';
import { formatText } from '../formatters/text.ts';

export const DIAGNOSE_HELP = `Usage: kb-lint diagnose <file|-> [--format text|json] [--limit N] [--base-url URL] [--root DIR] [--index FILE] [--no-cache]

Finds the gotchas that explain a log: declared error signatures first, then the distinctive words of the
lines that carry an error. \`-\` reads the log from stdin. Of a log over 32 MiB, the last 32 MiB are read
(a run dies at the end of its log).

Options:
  --format <f>     text (default) | json
  --limit <n>      matches to print (default 5, at most 50)
  --base-url <u>   prefix for page paths, e.g. https://guide.example/ (default: site-relative paths)
  --root <dir>     project root whose content/ is read (default: the current directory)
  --index <file>   a built diagnosis index (the site's /diagnosis-index.json) instead of reading content/
  --no-cache       build the index from content/ now; neither read nor write .cache/kb-lint/
  -h, --help       show this help

Exit codes: 0 matches found, 1 none, 2 usage or internal error.
`;

/** Stdin as text; tests pass their own. */
export type ReadStdin = () => Promise<string>;

/** The last MAX_LOG_BYTES of stdin: a run dies at the end of its log, so the head is what gives way. */
async function processStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    size += (chunk as Buffer).length;
    while (size - chunks[0].length >= MAX_LOG_BYTES) size -= chunks.shift()!.length;
  }
  const all = Buffer.concat(chunks);
  return fromTail(all.subarray(Math.max(0, all.length - MAX_LOG_BYTES)), all.length > MAX_LOG_BYTES);
}

/** Text of the bytes at a log's end; when the head was cut, the partial first line goes too (a marker says so). */
function fromTail(bytes: Buffer, cut: boolean): string {
  if (!cut) return bytes.toString('utf8');
  const newline = bytes.indexOf(10);
  return `${CUT_MARK}\n${bytes.subarray(newline + 1).toString('utf8')}`;
}

const CUT_MARK = `[kb-lint: only the last ${MAX_LOG_SHOWN} of this log were read]`;

/** A log file: the whole of it, or its last MAX_LOG_BYTES (read from the end, never all into memory). */
async function readLogFile(path: string, size: number): Promise<string> {
  if (size <= MAX_LOG_BYTES) return readFile(path, 'utf8');
  const handle = await open(path, 'r');
  try {
    const bytes = Buffer.alloc(MAX_LOG_BYTES);
    const { bytesRead } = await handle.read(bytes, 0, MAX_LOG_BYTES, size - MAX_LOG_BYTES);
    return fromTail(bytes.subarray(0, bytesRead), true);
  } finally {
    await handle.close();
  }
}

export function formatDiagnosisText(result: DiagnoseResult, baseUrl: string): string {
  if (!result.matches.length) return `No gotcha matched (${result.lines} lines read, ${result.errorLines} distinct error lines).\n`;
  const out = result.matches.map((m, i) =>
    [`${i + 1}. ${m.id}  ${m.title}`, `   ${baseUrl}${m.url}`, `   line ${m.line.number}: ${m.line.text}`, `   why: ${m.why}`].join('\n'),
  );
  const note = result.truncated ? ' (part of the log was cut: over-long lines or too many lines)' : '';
  return `${out.join('\n\n')}\n\n${result.matches.length} match(es) from ${result.lines} lines, ${result.errorLines} distinct error lines${note}.\n`;
}

export async function diagnoseMain(io: Io, argv: readonly string[], readStdin: ReadStdin = processStdin): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', default: 'text' },
        limit: { type: 'string', default: '5' },
        'base-url': { type: 'string', default: '' },
        root: { type: 'string' },
        index: { type: 'string' },
        'no-cache': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
    if (values.help) return io.stdout(DIAGNOSE_HELP), 0;
    if (positionals.length !== 1) throw new UsageError(positionals.length ? `Unexpected extra argument \`${positionals[1]}\`, expected one log file or \`-\`` : 'Missing log, expected a file path or `-` for stdin');
    const format = values.format;
    if (format !== 'text' && format !== 'json') throw new UsageError(`Unknown --format \`${format}\`, expected text or json`);
    const limit = /^\d+$/.test(values.limit) ? Number(values.limit) : NaN;
    if (!(limit >= 1 && limit <= 50)) throw new UsageError(`Unexpected --limit \`${values.limit}\`, expected a whole number from 1 to 50`);
    const baseUrl = values['base-url'].replace(/\/$/, '');
    if (baseUrl && !/^https?:\/\/\S+$/.test(baseUrl)) throw new UsageError(`Unexpected --base-url \`${values['base-url']}\`, expected an http(s) URL`);

    const [target] = positionals;
    let log: string;
    if (target === '-') log = await readStdin();
    else {
      const path = resolve(io.cwd, target);
      const info = await stat(path).catch(() => undefined);
      if (!info) throw new UsageError(`No such file \`${target}\``);
      // A FIFO would be read until its writer closes it; `-` is the way to stream a log in.
      if (!info.isFile()) throw new UsageError(`Not a regular file \`${target}\`, expected a log file (or \`-\` to read stdin)`);
      log = await readLogFile(path, info.size);
    }

    let index: DiagnosisIndex;
    if (values.index) {
      const data = JSON.parse(await readFile(resolve(io.cwd, values.index), 'utf8').catch(() => {
        throw new UsageError(`No such file \`${values.index}\` for --index`);
      })) as DiagnosisIndex;
      if (data?.version !== 1 || !Array.isArray(data.docs)) throw new UsageError(`Unexpected --index \`${values.index}\`, expected a diagnosis index (version 1)`);
      index = data;
    } else {
      const root = values.root ? resolve(io.cwd, values.root) : io.cwd;
      const info = await stat(root).catch(() => undefined);
      if (!info?.isDirectory()) throw new UsageError(`No such folder \`${values.root ?? root}\` for --root`);
      index = (await cachedDiagnosisIndex(root, { cache: !values['no-cache'] })).index;
    }

    const result = diagnose(log, index, { limit });
    if (log.startsWith(CUT_MARK)) result.truncated = true;
    if (format === 'json') {
      const matches = result.matches.map((m) => ({ ...m, url: baseUrl + m.url }));
      io.stdout(`${JSON.stringify({ ...result, matches }, null, 2)}\n`);
    } else io.stdout(formatDiagnosisText(result, baseUrl));
    return result.matches.length ? 0 : 1;
  } catch (error) {
    // Loaded only on this path: `--index` runs never load the corpus reader.
    if (error instanceof (await import('../export/corpus.ts')).ExportError) {
      io.stderr(`${formatText(error.findings, { color: false })}\nkb-lint diagnose: ${error.message}; fix them (\`npm run lint\` shows the same) and run again\n`);
      return 2;
    }
    return failCommand(io, 'kb-lint diagnose', error);
  }
}
