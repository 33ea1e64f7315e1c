/**
 * `kb-lint stale`: list every `verified` stamp with its age, riskiest and oldest first, and every carried-over
 * page. Exit 1 when any stamp is older than `--max-age`, so a scheduled job can tell "someone must re-check
 * facts" from "all fresh"; carried-over pages are reported, never a reason to exit 1.
 */
import { corpusFiles } from '../files.ts';
import { collectCarried, collectStamps, countProvenance, isStale } from '../stale/collect.ts';
import { loadForStamps } from '../stale/load.ts';
import { formatStaleJson, formatStaleMarkdown } from '../stale/report.ts';
import { behindMarkdown, collectBehind } from '../stale/translations.ts';
import { defineCommand, linkBaseOption, monthOption, noOperands, wholeNumber } from './command.ts';

export const command = defineCommand({
  name: 'stale',
  summary: 'report every verified stamp by age and source, and the carried-over pages',
  description: `Lists every \`verified\` month in the content (page stamps, danger clocks, inline stamps) with the fact it
vouches for, its age and the source to re-check it at, grouped by that source's domain; counts the pages
checked against a quoted source and those carried over from another knowledge base; forecasts how many
stamps fall due now, next month and in two to three months. Money and data facts come first (cost \`data\`,
or cost \`money\` with a billing, teardown, storage or spot tag; profile facts; danger clocks), then the
oldest. Carried-over pages are listed by source domain, the money and data ones individually; they never
make the exit code 1, since they are not stamps that aged but facts not yet checked. Last, the translations
(content/i18n/) whose English original changed since the revision they name: listed, never exit 1.`,
  options: {
    format: { type: 'string', default: 'md', arg: 'f', choices: ['md', 'json'], help: 'md (default; a GitHub issue body) | json' },
    'max-age': { type: 'string', default: '6', arg: 'months', help: 'a stamp older than this is stale (default 6)' },
    today: { type: 'string', arg: 'YYYY-MM', help: 'the month ages are measured against (default: this month, UTC)' },
    'only-stale': { type: 'boolean', default: false, help: 'list only stamps older than --max-age (counts still cover all)' },
    'link-base': {
      type: 'string',
      arg: 'url',
      help: 'prefix for the Markdown links (e.g. https://github.com/o/r/blob/<sha>/);\nwithout it links are repo-relative (path#Lline)',
    },
  },
  exits: '0 nothing stale, 1 at least one stale stamp, 2 usage or internal error.',
  async run(io, { values, positionals, root }) {
    noOperands(positionals);
    const maxAge = wholeNumber('--max-age', values['max-age'], 1);
    const today = monthOption(values.today);
    const linkBase = linkBaseOption(values['link-base']);
    const files = loadForStamps(root, await corpusFiles(root));
    const entries = collectStamps(files, today);
    const opts = { maxAge, today, onlyStale: values['only-stale'], linkBase };
    const prov = { carried: collectCarried(files), counts: countProvenance(files) };
    const behind = collectBehind(files);
    if (values.format === 'json') {
      // One more key on the report object; every other key keeps its place.
      const body = JSON.parse(formatStaleJson(entries, opts, prov)) as Record<string, unknown>;
      io.stdout(`${JSON.stringify({ ...body, translationsBehind: behind }, null, 2)}\n`);
    } else {
      io.stdout(`${formatStaleMarkdown(entries, opts, prov).replace(/\n*$/, '\n\n')}${behindMarkdown(behind).join('\n')}`);
    }
    return entries.some((e) => isStale(e, maxAge)) ? 1 : 0;
  },
});
