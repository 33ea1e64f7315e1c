/**
 * `kb-lint stale`: list every `verified` stamp with its age, riskiest and oldest first, and every carried-over
 * page. Exit 1 when any stamp is older than `--max-age`, so a scheduled job can tell "someone must re-check
 * facts" from "all fresh"; carried-over pages are reported, never a reason to exit 1.
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Io } from '../io.ts';
import { loadForStamps } from './load.ts';
import { corpusFiles, UsageError } from '../files.ts';
import { currentMonth, VERIFIED_PATTERN } from '../schema/verified.ts';
import { collectCarried, collectStamps, countProvenance, isStale } from './collect.ts';
import { formatStaleJson, formatStaleMarkdown } from './report.ts';
import { behindMarkdown, collectBehind } from './translations.ts';
import { failCommand } from '../io.ts';

export const STALE_HELP = `Usage: kb-lint stale [options]

Lists every \`verified\` month in the content (page stamps, danger clocks, inline stamps) with the fact it
vouches for, its age and the source to re-check it at, grouped by that source's domain; counts the pages
checked against a quoted source and those carried over from another knowledge base; forecasts how many
stamps fall due now, next month and in two to three months. Money and data facts come first (cost \`data\`,
or cost \`money\` with a billing, teardown, storage or spot tag; profile facts; danger clocks), then the
oldest. Carried-over pages are listed by source domain, the money and data ones individually; they never
make the exit code 1, since they are not stamps that aged but facts not yet checked. Last, the translations
(content/i18n/) whose English original changed since the revision they name: listed, never exit 1.

Options:
  --format <f>        md (default; a GitHub issue body) | json
  --max-age <months>  a stamp older than this is stale (default 6)
  --today <YYYY-MM>   the month ages are measured against (default: this month, UTC)
  --only-stale        list only stamps older than --max-age (counts still cover all)
  --link-base <url>   prefix for the Markdown links (e.g. https://github.com/o/r/blob/<sha>/);
                      without it links are repo-relative (path#Lline)
  --root <dir>        project root (default: the current directory)
  -h, --help          show this help

Exit codes: 0 nothing stale, 1 at least one stale stamp, 2 usage or internal error.
`;

export async function staleMain(io: Io, argv: readonly string[]): Promise<number> {
  try {
    const { values } = parseArgs({
      args: [...argv],
      allowPositionals: false,
      strict: true,
      options: {
        format: { type: 'string', default: 'md' },
        'max-age': { type: 'string', default: '6' },
        today: { type: 'string' },
        'only-stale': { type: 'boolean', default: false },
        'link-base': { type: 'string' },
        root: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
    if (values.help) return io.stdout(STALE_HELP), 0;

    const format = values.format;
    if (format !== 'md' && format !== 'json') throw new UsageError(`Unknown --format \`${format}\`, expected md or json`);
    const rawAge = values['max-age'];
    const maxAge = /^\d+$/.test(rawAge) ? Number(rawAge) : NaN;
    if (!Number.isSafeInteger(maxAge) || maxAge < 1) throw new UsageError(`Unexpected --max-age \`${rawAge}\`, expected a whole number of months ≥ 1`);
    const today = values.today ?? currentMonth();
    if (!VERIFIED_PATTERN.test(today)) throw new UsageError(`Unexpected --today \`${today}\`, expected YYYY-MM`);
    const root = values.root ? resolve(io.cwd, values.root) : io.cwd;
    const info = await stat(root).catch(() => undefined);
    if (!info?.isDirectory()) throw new UsageError(`No such folder \`${values.root ?? root}\` for --root`);

    const files = loadForStamps(root, await corpusFiles(root));
    const entries = collectStamps(files, today);
    const linkBase = values['link-base'];
    if (linkBase !== undefined && !/^https:\/\/\S+\/$/.test(linkBase)) throw new UsageError(`Unexpected --link-base \`${linkBase}\`, expected an https URL ending in /`);
    const opts = { maxAge, today, onlyStale: values['only-stale'], linkBase };
    const prov = { carried: collectCarried(files), counts: countProvenance(files) };
    const behind = collectBehind(files);
    if (format === 'json') {
      // One more key on the report object; every other key keeps its place.
      const body = JSON.parse(formatStaleJson(entries, opts, prov)) as Record<string, unknown>;
      io.stdout(`${JSON.stringify({ ...body, translationsBehind: behind }, null, 2)}\n`);
    } else {
      io.stdout(`${formatStaleMarkdown(entries, opts, prov).replace(/\n*$/, '\n\n')}${behindMarkdown(behind).join('\n')}`);
    }
    return entries.some((e) => isStale(e, maxAge)) ? 1 : 0;
  } catch (error) {
    return failCommand(io, 'kb-lint stale', error);
  }
}
