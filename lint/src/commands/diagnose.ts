/**
 * `kb-lint diagnose <file|->`: a thin shell around the engine. Reads the log (a file, or stdin for `-`),
 * answers from the index of the content (cached in .cache/kb-lint/, rebuilt when any content file changed;
 * index-cache.ts) or from a built index given with `--index`, and prints the top matches. Exit 0 with
 * matches, 1 with none, 2 on usage or internal errors.
 */
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { diagnose, type DiagnoseResult } from '../diagnose/engine.ts';
import { cachedDiagnosisIndex } from '../diagnose/index-cache.ts';
import type { DiagnosisIndex } from '../diagnose/index-data.ts';
import { CUT_MARK, processStdin, readLogFile, type ReadStdin } from '../diagnose/read-log.ts';
import { formatText } from '../formatters/text.ts';
import { UsageError, type Io } from '../io.ts';
import { defineCommand, wholeNumber } from './command.ts';

export function formatDiagnosisText(result: DiagnoseResult, baseUrl: string): string {
  if (!result.matches.length) return `No gotcha matched (${result.lines} lines read, ${result.errorLines} distinct error lines).\n`;
  const out = result.matches.map((m, i) =>
    [`${i + 1}. ${m.id}  ${m.title}`, `   ${baseUrl}${m.url}`, `   line ${m.line.number}: ${m.line.text}`, `   why: ${m.why}`].join('\n'),
  );
  const note = result.truncated ? ' (part of the log was cut: over-long lines or too many lines)' : '';
  return `${out.join('\n\n')}\n\n${result.matches.length} match(es) from ${result.lines} lines, ${result.errorLines} distinct error lines${note}.\n`;
}

async function readLog(io: Io, target: string, readStdin: ReadStdin): Promise<string> {
  if (target === '-') return readStdin();
  const path = resolve(io.cwd, target);
  const info = await stat(path).catch(() => undefined);
  if (!info) throw new UsageError(`No such file \`${target}\``);
  // A FIFO would be read until its writer closes it; `-` is the way to stream a log in.
  if (!info.isFile()) throw new UsageError(`Not a regular file \`${target}\`, expected a log file (or \`-\` to read stdin)`);
  return readLogFile(path, info.size);
}

async function builtIndex(io: Io, file: string): Promise<DiagnosisIndex> {
  const text = await readFile(resolve(io.cwd, file), 'utf8').catch(() => {
    throw new UsageError(`No such file \`${file}\` for --index`);
  });
  const data = JSON.parse(text) as DiagnosisIndex;
  if (data?.version !== 1 || !Array.isArray(data.docs)) throw new UsageError(`Unexpected --index \`${file}\`, expected a diagnosis index (version 1)`);
  return data;
}

/** `readStdin` is what `-` reads: the process's stdin, or a test's text. */
export const diagnoseCommand = (readStdin: ReadStdin = processStdin) =>
  defineCommand({
    name: 'diagnose',
    forms: ['<file|-> [options]'],
    summary: 'which gotchas explain a log (a file, or - for stdin)',
    description: `Finds the gotchas that explain a log: declared error signatures first, then the distinctive words of the
lines that carry an error. \`-\` reads the log from stdin. Of a log over 32 MiB, the last 32 MiB are read
(a run dies at the end of its log).`,
    options: {
      format: { type: 'string', default: 'text', arg: 'f', choices: ['text', 'json'], help: 'text (default) | json' },
      limit: { type: 'string', default: '5', arg: 'n', help: 'matches to print (default 5, at most 50)' },
      'base-url': { type: 'string', default: '', arg: 'u', help: 'prefix for page paths, e.g. https://guide.example/ (default: site-relative paths)' },
      index: { type: 'string', arg: 'file', help: "a built diagnosis index (the site's /diagnosis-index.json) instead of reading content/" },
      'no-cache': { type: 'boolean', default: false, help: 'build the index from content/ now; neither read nor write .cache/kb-lint/' },
    },
    exits: '0 matches found, 1 none, 2 usage or internal error.',
    async run(io, { values, positionals, root }) {
      if (positionals.length !== 1) throw new UsageError(positionals.length ? `Unexpected extra argument \`${positionals[1]}\`, expected one log file or \`-\`` : 'Missing log, expected a file path or `-` for stdin');
      const limit = wholeNumber('--limit', values.limit, 1, 50);
      const baseUrl = values['base-url'].replace(/\/$/, '');
      if (baseUrl && !/^https?:\/\/\S+$/.test(baseUrl)) throw new UsageError(`Unexpected --base-url \`${values['base-url']}\`, expected an http(s) URL`);
      const log = await readLog(io, positionals[0], readStdin);

      let index: DiagnosisIndex;
      if (values.index) index = await builtIndex(io, values.index);
      else {
        try {
          index = (await cachedDiagnosisIndex(root, { cache: !values['no-cache'] })).index;
        } catch (error) {
          // Loaded only on this path: `--index` runs never load the corpus reader.
          if (!(error instanceof (await import('../export/corpus.ts')).ExportError)) throw error;
          io.stderr(`${formatText(error.findings, { color: false })}\nkb-lint diagnose: ${error.message}; fix them (\`npm run lint\` shows the same) and run again\n`);
          return 2;
        }
      }

      const result = diagnose(log, index, { limit });
      if (log.startsWith(CUT_MARK)) result.truncated = true;
      if (values.format === 'json') {
        const matches = result.matches.map((m) => ({ ...m, url: baseUrl + m.url }));
        io.stdout(`${JSON.stringify({ ...result, matches }, null, 2)}\n`);
      } else io.stdout(formatDiagnosisText(result, baseUrl));
      return result.matches.length ? 0 : 1;
    },
  });

export const command = diagnoseCommand();
