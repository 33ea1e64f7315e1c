/**
 * `kb-lint verify`: re-check every quoted source against its page. Exit 0 when nothing drifted, 1 when a
 * quote is gone from a reachable page, 2 on usage or internal error. An unreachable page alone never fails
 * the run: a site that is down for a day says nothing about the fact, and a scheduled job that failed on
 * every outage would be ignored.
 */
import { corpusFiles, expandOperands } from '../files.ts';
import { verifyTargets } from '../verify/check.ts';
import { HttpClient, httpCacheDir, type HttpOptions } from '../http/client.ts';
import { formatJson, formatMarkdown, formatText } from '../verify/report.ts';
import { readTargets } from '../verify/sources.ts';
import { refreshFile } from '../verify/stamp.ts';
import { defineCommand, linkBaseOption, monthOption, wholeNumber } from './command.ts';

/** What tests replace: the network and the politeness delays. */
export type VerifyDeps = Pick<HttpOptions, 'fetch' | 'perHostIntervalMs' | 'backoffMs' | 'retries'>;

export const verifyCommand = (deps: VerifyDeps = {}) =>
  defineCommand({
    name: 'verify',
    forms: ['[paths|globs...] [options]'],
    summary: 're-check every quoted source online; --fix refreshes the stamps still true',
    description: `Fetches the page of every source that carries a \`quote:\` and looks for the quote in the page's text (HTML
rendered to text; whitespace, quotes, dashes and case normalised; see docs/VERIFY.md). Each quote is:
  still-there   the page has it; with --fix its \`checked:\` and the file's \`verified:\` move to this month
  drifted       the page answered but no longer has it; a person must re-check the fact (the report shows
                the quote, how it was pinned, and the passage the page now has closest to it)
  context-changed  the quote is there, but the text around it differs from the hash in its \`pin\`
  unreachable   no page to compare (DNS, timeout, HTTP error after retries, too large, redirect loop)`,
    options: {
      fix: { type: 'boolean', default: false, help: 'refresh the stamps of still-there quotes (files already verified only), atomically' },
      format: { type: 'string', default: 'text', arg: 'f', choices: ['text', 'json', 'md'], help: 'text (default) | json | md (an issue body; content text made inert)' },
      concurrency: { type: 'string', default: '4', arg: 'n', help: 'pages fetched at once, 1-32 (default 4; one host is still asked one page at a time)' },
      timeout: { type: 'string', default: '15', arg: 's', help: 'seconds per request, 1-300 (default 15)' },
      today: { type: 'string', arg: 'YYYY-MM', help: 'the month --fix writes (default: this month, UTC)' },
      'link-base': { type: 'string', arg: 'url', help: 'md format: prefix for file links (e.g. https://github.com/o/r/blob/<sha>/)' },
      'no-cache': { type: 'boolean', default: false, help: 'neither read nor write the HTTP cache (default: .cache/kb-lint/http/, kept 7 days)' },
    },
    exits: '0 nothing drifted (unreachable pages allowed), 1 at least one quote drifted or changed around, 2 usage or\ninternal error.',
    async run(io, { values, positionals, root }) {
      const concurrency = wholeNumber('--concurrency', values.concurrency, 1, 32);
      const timeoutMs = wholeNumber('--timeout', values.timeout, 1, 300) * 1000;
      const month = monthOption(values.today);
      const linkBase = linkBaseOption(values['link-base']);
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
      io.stdout(values.format === 'json' ? formatJson(summary) : values.format === 'md' ? formatMarkdown(summary, linkBase) : formatText(summary));
      return outcomes.some((o) => o.kind === 'drifted' || o.kind === 'context-changed') ? 1 : 0;
    },
  });

export const command = verifyCommand();
