/**
 * `kb-lint export skill`: the guide as an Agent Skills bundle, in English or (with --locale) a language
 * edition. Content problems that would make the bundle wrong are reported in the linter's format with
 * positions and exit 1, before anything is written.
 */
import { basename, resolve } from 'node:path';
import { ExportError, loadCorpus } from '../export/corpus.ts';
import { localizer, parseLocale } from '../export/locale.ts';
import { buildSkill, SKILL_NAME } from '../export/skill.ts';
import { writeTree } from '../export/write.ts';
import { formatText } from '../formatters/text.ts';
import { UsageError, type Io } from '../io.ts';
import { defineCommand, noOperands } from './command.ts';

export const DEFAULT_SKILL_OUT = `dist-skill/${SKILL_NAME}`;

export const localeOption = {
  type: 'string',
  arg: 'locale',
  help: 'en (default) or zh-cn: pages with an up-to-date translation in that language are exported in\nits words (facts, ids, sources and scripts are the same); the rest stay English. A translation\nbehind its original is left out, with a note',
} as const;

/** The export's content problems in the linter's format; exit 1. Anything else is the runner's to report. */
export function exportFailed(io: Io, name: string, error: unknown): number {
  if (!(error instanceof ExportError)) throw error;
  io.stderr(`${formatText(error.findings, { color: false })}\nkb-lint ${name}: ${error.message}; fix them (\`npm run lint\` shows the same) and export again\n`);
  return 1;
}

export const command = defineCommand({
  name: 'export skill',
  summary: 'write the guide as an Agent Skills bundle',
  description: `Writes the guide as an Agent Skills bundle: SKILL.md (name, description, how to use it, the operating
principles, an index), references/ (reference pages, one file per catalog with every gotcha in full),
profiles/ (facts tables and sections), scripts/ (templates, byte for byte). Links are rewritten to paths
inside the bundle. Same content, same bytes.`,
  options: {
    out: { type: 'string', arg: 'dir', help: `the bundle folder (default: ${DEFAULT_SKILL_OUT}, or dist-skill/<locale>/${SKILL_NAME}\nwith --locale); replaced only if empty or an earlier export` },
    locale: localeOption,
  },
  exits: '0 written, 1 content problems stop the export, 2 usage or internal error.',
  async run(io, { values, positionals, root }) {
    noOperands(positionals, 'the bundle folder is given with --out');
    const locale = parseLocale(values.locale);
    const out = resolve(io.cwd, values.out ?? resolve(root, locale ? `dist-skill/${locale}/${SKILL_NAME}` : DEFAULT_SKILL_OUT));
    if (out === root || root.startsWith(`${out}/`)) throw new UsageError(`--out \`${values.out}\` would replace the project itself`);
    let corpus: Awaited<ReturnType<typeof loadCorpus>>;
    let files: Map<string, string | Uint8Array>;
    try {
      corpus = await loadCorpus(root, { localize: localizer(locale) });
      files = buildSkill(corpus);
    } catch (error) {
      return exportFailed(io, 'export skill', error);
    }
    await writeTree(out, files, 'SKILL.md');
    const bytes = [...files.values()].reduce((n, f) => n + (typeof f === 'string' ? Buffer.byteLength(f) : f.byteLength), 0);
    io.stderr(`Wrote ${files.size} files (${bytes} bytes) to ${out}\n`);
    if (locale && corpus.localized) {
      const { used, behind } = corpus.localized;
      io.stderr(`${locale}: ${used.length} page(s) in translation, the rest in English\n`);
      for (const b of behind) io.stderr(`Note: \`${b.translation}\` is behind \`${b.original}\`; that page was exported in English (\`npm run stale\` lists it)\n`);
    }
    // Loaders match the skill by folder name; say so rather than fail, since a staging folder is legitimate.
    if (basename(out) !== SKILL_NAME) io.stderr(`Note: Agent Skills loaders expect this folder to be named \`${SKILL_NAME}\`\n`);
    return 0;
  },
});
