/**
 * `kb-lint export gotchas`: the records the site serves as /gotchas.json, printed from a checkout, so a tool
 * can read them without building the site (an e2e test holds the two equal).
 */
import { loadCorpus } from '../export/corpus.ts';
import { gotchaRecords } from '../export/gotchas-json.ts';
import { localizer, parseLocale } from '../export/locale.ts';
import { UsageError } from '../io.ts';
import { defineCommand, noOperands } from './command.ts';
import { exportFailed, localeOption } from './export-skill.ts';

export const command = defineCommand({
  name: 'export gotchas',
  summary: 'print the records the site serves as /gotchas.json',
  description: `Prints every published gotcha's frontmatter with its page's path, as the site serves /gotchas.json,
to stdout.`,
  options: {
    locale: localeOption,
    base: { type: 'string', arg: 'path', help: "prefix the paths as the site's base path does (default: none)" },
  },
  exits: '0 printed, 1 content problems stop the export, 2 usage or internal error.',
  async run(io, { values, positionals, root }) {
    noOperands(positionals, 'the records go to stdout');
    if (values.base !== undefined && !values.base.startsWith('/')) throw new UsageError(`Unexpected --base \`${values.base}\`, expected a path starting with /, as the site's base path`);
    const locale = parseLocale(values.locale);
    let corpus: Awaited<ReturnType<typeof loadCorpus>>;
    try {
      corpus = await loadCorpus(root, { localize: localizer(locale) });
    } catch (error) {
      return exportFailed(io, 'export gotchas', error);
    }
    io.stdout(`${JSON.stringify(gotchaRecords(corpus, values.base, locale), null, 2)}\n`);
    for (const b of corpus.localized?.behind ?? []) io.stderr(`Note: \`${b.translation}\` is behind \`${b.original}\`; that gotcha is exported in English\n`);
    return 0;
  },
});
