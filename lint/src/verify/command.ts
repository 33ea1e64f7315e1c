/**
 * `kb-lint verify`: re-check every quoted source against its page. Exit 0 when nothing drifted, 1 when a
 * quote is gone from a reachable page, 2 on usage or internal error. An unreachable page alone never fails
 * the run: a site that is down for a day says nothing about the fact, and a scheduled job that failed on
 * every outage would be ignored.
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Io } from '../io.ts';
import { corpusFiles, expandOperands, UsageError } from '../files.ts';
import { currentMonth, VERIFIED_PATTERN } from '../schema/month.ts';
import { verifyTargets } from './check.ts';
import { HttpClient, httpCacheDir, type HttpOptions } from '../http/client.ts';
import { formatJson, formatMarkdown, formatText } from './report.ts';
import { readTargets } from './sources.ts';
import { refreshFile } from './stamp.ts';
import { failCommand } from '../io.ts';

export const VERIFY_HELP = `Usage: kb-lint verify [paths|globs...] [options]

Fetches the page of every source that carries a \`quote:\` and looks for the quote in the page's text (HTML
rendered to text; whitespace, quotes, dashes and case normalised; see docs/VERIFY.md). Each quote is:
  still-there   the page has it; with --fix its \`checked:\` and the file's \`verified:\` move to this month
  drifted       the page answered but no longer has it; a person must re-check the fact (the report shows
                the quote, how it was pinned, and the passage the page now has closest to it)
  context-changed  the quote is there, but the text around it differs from the hash in its \`pin\`
  unreachable   no page to compare (DNS, timeout, HTTP error after retries, too large, redirect loop)

Options:
  --fix               refresh the stamps of still-there quotes (files already verified only), atomically
  --format <f>        text (default) | json | md (an issue body; content text made inert)
  --concurrency <n>   pages fetched at once, 1-32 (default 4; one host is still asked one page at a time)
  --timeout <s>       seconds per request, 1-300 (default 15)
  --today <YYYY-MM>   the month --fix writes (default: this month, UTC)
  --link-base <url>   md format: prefix for file links (e.g. https://github.com/o/r/blob/<sha>/)
  --no-cache          neither read nor write the HTTP cache (default: .cache/kb-lint/http/, kept 7 days)
  --root <dir>        project root (default: the current directory)
  -h, --help          show this help

Exit codes: 0 nothing drifted (unreachable pages allowed), 1 at least one quote drifted or changed around, 2 usage or
internal error.
`;

/** What tests replace: the network and the politeness delays. */
export type VerifyDeps = Pick<HttpOptions, 'fetch' | 'perHostIntervalMs' | 'backoffMs' | 'retries'>;

function wholeNumber(flag: string, raw: string, min: number, max: number): number {
  const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!(n >= min && n <= max)) throw new UsageError(`Unexpected ${flag} \`${raw}\`, expected a whole number from ${min} to ${max}`);
  return n;
}

export async function runVerify(io: Io, argv: readonly string[], deps: VerifyDeps = {}): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        fix: { type: 'boolean', default: false },
        format: { type: 'string', default: 'text' },
        concurrency: { type: 'string', default: '4' },
        timeout: { type: 'string', default: '15' },
        today: { type: 'string' },
        'link-base': { type: 'string' },
        'no-cache': { type: 'boolean', default: false },
        root: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
    if (values.help) return io.stdout(VERIFY_HELP), 0;
    const format = values.format;
    if (format !== 'text' && format !== 'json' && format !== 'md') throw new UsageError(`Unknown --format \`${format}\`, expected text, json or md`);
    const concurrency = wholeNumber('--concurrency', values.concurrency, 1, 32);
    const timeoutMs = wholeNumber('--timeout', values.timeout, 1, 300) * 1000;
    const month = values.today ?? currentMonth();
    if (!VERIFIED_PATTERN.test(month)) throw new UsageError(`Unexpected --today \`${month}\`, expected YYYY-MM`);
    const linkBase = values['link-base'];
    if (linkBase !== undefined && !/^https:\/\/\S+\/$/.test(linkBase)) throw new UsageError(`Unexpected --link-base \`${linkBase}\`, expected an https URL ending in /`);
    const root = values.root ? resolve(io.cwd, values.root) : io.cwd;
    if (!(await stat(root).catch(() => undefined))?.isDirectory()) throw new UsageError(`No such folder \`${values.root ?? root}\` for --root`);

    const files = positionals.length > 0 ? await expandOperands(positionals, io.cwd, root) : await corpusFiles(root);
    const targets = await readTargets(root, files);
    const client = new HttpClient({ ...deps, timeoutMs, cacheDir: values['no-cache'] ? undefined : httpCacheDir(root) });
    const outcomes = await verifyTargets(targets, client, concurrency);

    const refreshed: string[] = [];
    if (values.fix) {
      const byFile = new Map<string, number[]>();
      for (const o of outcomes) if (o.kind === 'still-there') byFile.set(o.target.file, [...(byFile.get(o.target.file) ?? []), o.target.index]);
      for (const [file, indexes] of byFile) if (await refreshFile(root, file, indexes, month)) refreshed.push(file);
    }
    const summary = { month, outcomes, refreshed, fixed: values.fix };
    io.stdout(format === 'json' ? formatJson(summary) : format === 'md' ? formatMarkdown(summary, linkBase) : formatText(summary));
    return outcomes.some((o) => o.kind === 'drifted' || o.kind === 'context-changed') ? 1 : 0;
  } catch (error) {
    return failCommand(io, 'kb-lint verify', error);
  }
}

export const verifyMain = (io: Io, argv: string[]): Promise<number> => runVerify(io, argv);
