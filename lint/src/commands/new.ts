/** `kb-lint new gotcha|profile`: start a page from a skeleton (lint/src/new/ writes it). */
import { UsageError } from '../io.ts';
import { newGotcha, newProfile } from '../new/pages.ts';
import { defineCommand, monthOption } from './command.ts';

export const command = defineCommand({
  name: 'new',
  forms: ['gotcha --catalog <catalog> --title "<symptom-first title>" [--prefix P] [options]', 'profile <id> [--title "<display name>"] [options]'],
  summary: 'start a gotcha or a profile from a skeleton with the next free id',
  description: `Writes a skeleton page with every field and section in place and TODO markers where your facts go. The
linter rejects the page until every TODO is replaced. A gotcha gets the next free id of its catalog under
the catalog's first id prefix (or --prefix, for a catalog with several), skipping retired ids. A new page is
checked, not carried over: its source has a \`quote:\` placeholder for the passage that says the fact, and
\`checked:\` and \`verified\` are set to this month (change both if you read the source in another month).
Existing files are never overwritten.`,
  options: {
    catalog: { type: 'string', arg: 'catalog', help: 'gotcha: the catalog it belongs to (content/catalogs/<catalog>.md)' },
    title: { type: 'string', arg: 'title', help: 'gotcha: the symptom-first title; profile: the display name' },
    prefix: { type: 'string', arg: 'P', help: "gotcha: which of the catalog's id prefixes (default: its first)" },
    today: { type: 'string', arg: 'YYYY-MM', help: 'the month written to checked and verified (default: this month, UTC)' },
  },
  exits: '0 written, 2 usage error (unknown catalog, file exists, bad argument).',
  async run(io, { values, positionals, root }) {
    const month = monthOption(values.today);
    const [what, ...rest] = positionals;
    let written: string;
    switch (what) {
      case 'gotcha':
        if (rest.length) throw new UsageError(`Unexpected argument \`${rest[0]}\`; \`new gotcha\` takes --catalog and --title`);
        written = await newGotcha(root, { catalog: values.catalog, title: values.title, prefix: values.prefix, month });
        break;
      case 'profile':
        if (values.catalog !== undefined || values.prefix !== undefined) throw new UsageError('Unexpected --catalog or --prefix for `new profile`');
        if (rest.length > 1) throw new UsageError(`Unexpected argument \`${rest[1]}\`; \`new profile\` takes one id`);
        written = await newProfile(root, rest[0], { title: values.title, month });
        break;
      case undefined:
        throw new UsageError('Missing what to create, expected `gotcha` or `profile`');
      default:
        throw new UsageError(`Unknown kind \`${what}\`, expected \`gotcha\` or \`profile\``);
    }
    io.stdout(`${written}\n`);
    return 0;
  },
});
