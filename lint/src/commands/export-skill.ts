/**
 * `kb-lint export skill`: the guide as an Agent Skills bundle. Content problems that would make the bundle
 * wrong are reported in the linter's format with positions and exit 1, before anything is written.
 */
import { basename, resolve } from 'node:path';
import { ExportError, loadCorpus } from '../export/corpus.ts';
import { buildSkill, SKILL_NAME } from '../export/skill.ts';
import { writeTree } from '../export/write.ts';
import { formatText } from '../formatters/text.ts';
import { UsageError } from '../io.ts';
import { defineCommand, noOperands } from './command.ts';

export const DEFAULT_SKILL_OUT = `dist-skill/${SKILL_NAME}`;

export const command = defineCommand({
  name: 'export skill',
  summary: 'write the guide as an Agent Skills bundle',
  description: `Writes the guide as an Agent Skills bundle: SKILL.md (name, description, how to use it, the operating
principles, an index), references/ (reference pages, one file per catalog with every gotcha in full),
profiles/ (facts tables and sections), scripts/ (templates, byte for byte). Links are rewritten to paths
inside the bundle. Same content, same bytes.`,
  options: {
    out: { type: 'string', arg: 'dir', help: `the bundle folder (default: ${DEFAULT_SKILL_OUT}); replaced only if empty or an\nearlier export` },
  },
  exits: '0 written, 1 content problems stop the export, 2 usage or internal error.',
  async run(io, { values, positionals, root }) {
    noOperands(positionals, 'the bundle folder is given with --out');
    const out = resolve(io.cwd, values.out ?? resolve(root, DEFAULT_SKILL_OUT));
    if (out === root || root.startsWith(`${out}/`)) throw new UsageError(`--out \`${values.out}\` would replace the project itself`);
    let files: Map<string, string | Uint8Array>;
    try {
      files = buildSkill(await loadCorpus(root));
    } catch (error) {
      if (!(error instanceof ExportError)) throw error;
      io.stderr(`${formatText(error.findings, { color: false })}\nkb-lint export skill: ${error.message}; fix them (\`npm run lint\` shows the same) and export again\n`);
      return 1;
    }
    await writeTree(out, files, 'SKILL.md');
    const bytes = [...files.values()].reduce((n, f) => n + (typeof f === 'string' ? Buffer.byteLength(f) : f.byteLength), 0);
    io.stderr(`Wrote ${files.size} files (${bytes} bytes) to ${out}\n`);
    // Loaders match the skill by folder name; say so rather than fail, since a staging folder is legitimate.
    if (basename(out) !== SKILL_NAME) io.stderr(`Note: Agent Skills loaders expect this folder to be named \`${SKILL_NAME}\`\n`);
    return 0;
  },
});
