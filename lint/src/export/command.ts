/**
 * `kb-lint export <what>`: machine outputs of the guide. `skill` writes the Agent Skills bundle, `schemas`
 * the JSON Schemas editors use. Content problems that would make an export wrong are reported in the
 * linter's format with positions and exit 1; usage errors exit 2.
 */
import { basename, resolve } from 'node:path';
import { stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { Io } from '../io.ts';
import { UsageError } from '../files.ts';
import { formatText } from '../formatters/text.ts';
import { ExportError, loadCorpus } from './corpus.ts';
import { buildSkill, SKILL_NAME } from './skill.ts';
import { writeTree } from './write.ts';
import { jsonSchemasMain } from './json-schemas.ts';
import { parseLocale } from './locale.ts';
import { gotchaRecords } from './gotchas-json.ts';

export const DEFAULT_SKILL_OUT = `dist-skill/${SKILL_NAME}`;

export const EXPORT_HELP = `Usage: kb-lint export skill [--out DIR] [--locale LOCALE] [--root DIR]
       kb-lint export gotchas [--locale LOCALE] [--base PATH] [--root DIR]
       kb-lint export schemas [--check] [--root DIR]

  skill     Write the guide as an Agent Skills bundle: SKILL.md (name, description, how to use it, the
            operating principles, an index), references/ (reference pages, one file per catalog with every
            gotcha in full), profiles/ (facts tables and sections), scripts/ (templates, byte for byte).
            Links are rewritten to paths inside the bundle. Same content, same bytes.
  gotchas   Print the records the site serves as /gotchas.json (every published gotcha's frontmatter with its
            page's path) to stdout. --base prefixes the paths as the site's base path does (default: none).
  schemas   Write schemas/<collection>.schema.json from the content model (see \`export schemas --help\`).

Options (skill; --locale and --root also for gotchas):
  --out <dir>   the bundle folder (default: ${DEFAULT_SKILL_OUT}, or dist-skill/<locale>/${SKILL_NAME} with
                --locale); replaced only if empty or an earlier export
  --locale <l>  en (default) or zh-cn: pages with an up-to-date translation in that language are exported in
                its words (facts, ids, sources and scripts are the same); the rest, and the hub's own
                sentences, stay English. A translation behind its original is left out, with a note
  --root <dir>  project root (default: the current directory)
  -h, --help    show this help

Exit codes: 0 written, 1 content problems stop the export, 2 usage or internal error.
`;

async function skillMain(io: Io, argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: { out: { type: 'string' }, root: { type: 'string' }, locale: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } },
  });
  if (values.help) return io.stdout(EXPORT_HELP), 0;
  if (positionals.length) throw new UsageError(`Unexpected argument \`${positionals[0]}\`; the bundle folder is given with --out`);
  const root = values.root ? resolve(io.cwd, values.root) : io.cwd;
  if (!(await stat(root).catch(() => undefined))?.isDirectory()) throw new UsageError(`No such folder \`${values.root ?? root}\` for --root`);
  const locale = parseLocale(values.locale);
  const out = resolve(io.cwd, values.out ?? resolve(root, locale ? `dist-skill/${locale}/${SKILL_NAME}` : DEFAULT_SKILL_OUT));
  if (out === root || root.startsWith(`${out}/`)) throw new UsageError(`--out \`${values.out}\` would replace the project itself`);

  const corpus = await loadCorpus(root, { locale });
  const files = buildSkill(corpus);
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
}

async function gotchasMain(io: Io, argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: { root: { type: 'string' }, locale: { type: 'string' }, base: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } },
  });
  if (values.help) return io.stdout(EXPORT_HELP), 0;
  if (positionals.length) throw new UsageError(`Unexpected argument \`${positionals[0]}\`; the records go to stdout`);
  const root = values.root ? resolve(io.cwd, values.root) : io.cwd;
  if (!(await stat(root).catch(() => undefined))?.isDirectory()) throw new UsageError(`No such folder \`${values.root ?? root}\` for --root`);
  if (values.base !== undefined && !values.base.startsWith('/')) throw new UsageError(`Unexpected --base \`${values.base}\`, expected a path starting with /, as the site's base path`);
  const locale = parseLocale(values.locale);
  const corpus = await loadCorpus(root, { locale });
  io.stdout(`${JSON.stringify(gotchaRecords(corpus, values.base, locale), null, 2)}\n`);
  for (const b of corpus.localized?.behind ?? []) io.stderr(`Note: \`${b.translation}\` is behind \`${b.original}\`; that gotcha is exported in English\n`);
  return 0;
}

export async function exportMain(io: Io, argv: readonly string[]): Promise<number> {
  const [what, ...rest] = argv;
  if (what === 'schemas') return jsonSchemasMain(io, rest);
  try {
    if (what === '-h' || what === '--help') return io.stdout(EXPORT_HELP), 0;
    if (what === undefined) return io.stderr(`kb-lint export: say what to export\n\n${EXPORT_HELP}`), 2;
    if (what === 'gotchas') return await gotchasMain(io, rest);
    if (what !== 'skill') throw new UsageError(`Unknown export \`${what}\`, expected \`skill\`, \`gotchas\` or \`schemas\``);
    return await skillMain(io, rest);
  } catch (error) {
    if (error instanceof ExportError) {
      io.stderr(`${formatText(error.findings, { color: false })}\nkb-lint export: ${error.message}; fix them (\`npm run lint\` shows the same) and export again\n`);
      return 1;
    }
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`kb-lint export: ${(error as Error).message}\nRun \`kb-lint export --help\` for usage.\n`);
      return 2;
    }
    io.stderr(`kb-lint export: internal error: ${(error as Error).stack ?? String(error)}\n`);
    return 2;
  }
}

if (import.meta.main) {
  process.exitCode = await exportMain(
    { argv: process.argv.slice(2), cwd: process.cwd(), stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t), env: process.env },
    process.argv.slice(2),
  );
}
