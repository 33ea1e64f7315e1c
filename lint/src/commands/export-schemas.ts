/** `kb-lint export schemas`: the JSON Schemas editors use, written from the content model or checked current. */
import { staleSchemas, writeSchemas } from '../export/json-schemas.ts';
import { defineCommand, noOperands } from './command.ts';

export const command = defineCommand({
  name: 'export schemas',
  summary: 'write schemas/<collection>.schema.json from the content model (--check: only compare)',
  description: `Writes schemas/<collection>.schema.json (JSON Schema of each collection's frontmatter) from the Zod content
model in lint/src/schema/. Editors use them to complete and check frontmatter (docs/EDITORS.md).`,
  options: {
    check: { type: 'boolean', default: false, help: 'write nothing; exit 1 and name the files that differ from what would be written' },
  },
  exits: '0 written (or current), 1 out of date (--check), 2 usage or internal error.',
  async run(io, { values, positionals, root }) {
    noOperands(positionals);
    if (values.check) {
      const stale = await staleSchemas(root);
      if (!stale.length) return io.stderr('JSON Schemas are current\n'), 0;
      io.stderr(`Out of date: ${stale.join(', ')}\nRegenerate with \`npm run export:schemas\` and commit the result.\n`);
      return 1;
    }
    io.stderr(`Wrote ${(await writeSchemas(root)).join(', ')}\n`);
    return 0;
  },
});
