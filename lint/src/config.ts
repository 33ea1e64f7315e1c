/**
 * The project's lint configuration, `kb-lint.config.json` at the project root (optional):
 *
 *   {
 *     "rules": { "no-todo": "warn", "source-url": "off" },
 *     "maxAge": 9,
 *     "ignores": ["content/references/vendor/**"],
 *     "overrides": [{ "files": ["content/references/**"], "rules": { "verified-stamp": "off" } }]
 *   }
 *
 * Validated with zod; every mistake is a usage error (exit 2) that names the file, the key path and what was
 * expected. Command-line options win over the file: `--rule` over `rules` and `overrides`, `--max-age` over
 * `maxAge`. docs/CONFIG.md is the user's guide.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'astro/zod';
import { minimatch } from 'minimatch';
import type { Finding } from './engine/findings.ts';
import type { SeveritySetting } from './engine/types.ts';
import { UsageError } from './io.ts';
import { ruleById } from './rules/index.ts';

export const CONFIG_FILE = 'kb-lint.config.json';

const Severity = z.enum(['off', 'warn', 'warning', 'error']);
const Rules = z.record(z.string(), Severity).superRefine((rules, ctx) => {
  for (const id of Object.keys(rules)) if (!ruleById.has(id)) ctx.addIssue({ code: 'custom', path: [id], message: `Unknown rule \`${id}\`; \`kb-lint --list-rules\` lists them` });
});
const Globs = z.array(z.string().min(1));

export const ConfigSchema = z.strictObject({
  /** JSON Schema of this file, for editors; ignored by the linter. */
  $schema: z.string().optional(),
  /** Severity per rule id: `off`, `warn` or `error`. */
  rules: Rules.optional(),
  /** Months after which a verified stamp warns (an error at twice this). @default 6 */
  maxAge: z.number().int().min(1).optional(),
  /** Root-relative globs of files nothing is reported on (they still join the index, so links to them resolve). */
  ignores: Globs.optional(),
  /** Rule severities for the files matching `files`; later entries win. */
  overrides: z.array(z.strictObject({ files: Globs.min(1), rules: Rules })).optional(),
});
export type Config = z.infer<typeof ConfigSchema>;

const level = (s: z.infer<typeof Severity>): SeveritySetting => (s === 'warn' ? 'warning' : s);

/** One line per problem: the key path in backticks, then what is wrong. */
function friendly(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.map(String).join('.');
      const message =
        issue.code === 'invalid_value' ? `Unexpected value, expected ${issue.values.map((v) => `\`${String(v)}\``).join(', ')}` : issue.code === 'unrecognized_keys' ? `Unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `\`${k}\``).join(', ')}` : issue.message;
      return `  ${path ? `\`${path}\`: ` : ''}${message}`;
    })
    .join('\n');
}

/** The configuration of the project at `root`; `{}` when it has no config file. */
export async function loadConfig(root: string): Promise<Config> {
  const file = join(root, CONFIG_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new UsageError(`Cannot read ${CONFIG_FILE}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${CONFIG_FILE} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = ConfigSchema.safeParse(json);
  if (!parsed.success) throw new UsageError(`${CONFIG_FILE} has ${parsed.error.issues.length} problem(s):\n${friendly(parsed.error)}`);
  return parsed.data;
}

/**
 * What the engine runs with, and how to narrow its findings per file afterwards. A rule is run when any file
 * may need it; `perFile` then drops or softens findings where an override or an ignore says so.
 */
export function resolveConfig(config: Config, cliRules: ReadonlyMap<string, SeveritySetting>) {
  const base = new Map<string, SeveritySetting>(Object.entries(config.rules ?? {}).map(([id, s]) => [id, level(s)]));
  const overrides = (config.overrides ?? []).map((o) => ({ files: o.files, rules: new Map(Object.entries(o.rules).map(([id, s]) => [id, level(s)] as const)) }));
  const settingFor = (path: string, rule: string): SeveritySetting | undefined => {
    if (cliRules.has(rule)) return cliRules.get(rule);
    let setting = base.get(rule);
    for (const o of overrides) if (o.rules.has(rule) && o.files.some((g) => minimatch(path, g, { dot: true }))) setting = o.rules.get(rule);
    return setting;
  };
  // Run-wide: the command line, else the file's `rules`, turned on where an override needs a rule somewhere.
  const severities = new Map(base);
  for (const o of overrides) {
    for (const [id, s] of o.rules) {
      const now = severities.get(id);
      if (s !== 'off' && (now === 'off' || (s === 'error' && now === 'warning'))) severities.set(id, s);
    }
  }
  for (const [id, s] of cliRules) severities.set(id, s);
  const ignored = (path: string) => (config.ignores ?? []).some((g) => minimatch(path, g, { dot: true }));
  const perFile = (findings: readonly Finding[]): Finding[] =>
    findings.flatMap((f) => {
      if (ignored(f.file)) return [];
      if (!overrides.length) return [f];
      const setting = settingFor(f.file, f.ruleId) ?? ruleById.get(f.ruleId)?.severity;
      if (setting === 'off') return [];
      return [setting === 'warning' ? { ...f, severity: 'warning' as const } : f];
    });
  return { severities, perFile, maxAge: config.maxAge };
}
