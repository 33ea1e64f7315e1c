/**
 * The one shape every kb-lint command has, and the one path that parses its arguments and ends it on an
 * error. A command declares its name, operands, options (Node's `parseArgs` descriptors, each with the line
 * its help shows) and `run`; `runCommand` adds `--root` and `--help`, parses strictly, checks the root and
 * every `choices` option, and turns what is thrown into one stderr line and exit 2. So `--root`, a usage
 * error and an internal error read the same in every command, and a help text cannot drift from the options
 * the command really takes.
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs, type ParseArgsOptionDescriptor } from 'node:util';
import { UsageError, type Io } from '../io.ts';
import { currentMonth, VERIFIED_PATTERN } from '../schema/month.ts';

/** A `parseArgs` option with what `--help` says of it: `arg` names its value, `choices` are checked for it. */
export type OptionSpec = ParseArgsOptionDescriptor & { help: string; arg?: string; choices?: readonly string[] };
export type OptionSpecs = Record<string, OptionSpec>;

type ParseConfig<O extends OptionSpecs> = { options: O & typeof SHARED; strict: true; allowPositionals: true };
export type Values<O extends OptionSpecs> = ReturnType<typeof parseArgs<ParseConfig<O>>>['values'];

/** What `run` is given: the parsed options, the operands, and the project root, resolved and checked. */
export interface Args<O extends OptionSpecs> {
  values: Values<O>;
  positionals: string[];
  root: string;
}

export interface Command<O extends OptionSpecs = OptionSpecs> {
  /** The words after `kb-lint` that select it: `stale`, `export skill`; `''` for the default, linting. */
  name: string;
  /** What follows the name in a usage line, one line per form; default `[options]`. */
  forms?: readonly string[];
  /** One line for the list of commands in `kb-lint --help`. */
  summary: string;
  /** The paragraphs `--help` shows between the usage lines and the options. */
  description: string;
  options: O;
  /** What the exit codes mean, as `--help` ends. */
  exits: string;
  /** Anything `--help` shows after the exit codes (the default command lists its rules). */
  epilogue?: string;
  /** An environment variable that names the root when `--root` is not given (the MCP host's config sets it). */
  rootEnv?: string;
  run(io: Io, args: Args<O>): Promise<number>;
}

/** Keeps the option names' types for `run` (`const`, so `type: 'string'` stays a literal). */
export function defineCommand<const O extends OptionSpecs>(command: Command<O>): Command<O> {
  return command;
}

/** The options every command takes; `runCommand` adds them, so no command declares them again. */
const SHARED = {
  root: { type: 'string', arg: 'dir', help: 'project root (default: the current directory)' },
  help: { type: 'boolean', short: 'h', default: false, help: 'show this help' },
} as const satisfies OptionSpecs;

/** How a command names itself in messages and usage lines: `kb-lint stale`, or `kb-lint` for linting. */
export const commandPrefix = (name: string): string => (name ? `kb-lint ${name}` : 'kb-lint');

export function usageLines(command: Command): string[] {
  return (command.forms ?? ['[options]']).map((form) => `${commandPrefix(command.name)} ${form}`);
}

const INDENT = ' '.repeat(22);

function optionLines(command: Command): string {
  const shared: OptionSpecs = command.rootEnv ? { ...SHARED, root: { ...SHARED.root, help: `project root (default: ${command.rootEnv}, else the current directory)` } } : SHARED;
  return Object.entries<OptionSpec>({ ...command.options, ...shared })
    .map(([name, o]) => {
      const flag = `${o.short ? `-${o.short}, ` : ''}--${name}${o.arg ? ` <${o.arg}>` : ''}`;
      const lead = flag.length < 20 ? flag.padEnd(20) : `${flag}\n${INDENT}`;
      return `  ${lead}${o.help.replaceAll('\n', `\n${INDENT}`)}`;
    })
    .join('\n');
}

/** The whole `--help` of one command, built from its declaration. */
export function helpText(command: Command): string {
  const [first, ...rest] = usageLines(command);
  const usage = [`Usage: ${first}`, ...rest.map((l) => `       ${l}`)].join('\n');
  return `${usage}\n\n${command.description.trim()}\n\nOptions:\n${optionLines(command)}\n\nExit codes: ${command.exits}\n${command.epilogue ? `\n${command.epilogue}\n` : ''}`;
}

/** A usage error (ours, or `parseArgs` refusing an option) is the user's to fix; anything else is our bug. */
export function isUsageError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof UsageError || (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS'));
}

/**
 * How every command ends on an error: exit 2 and one line naming the command and the problem, with where help
 * is for a usage error; an internal error adds the stack below, since it is a bug someone will report.
 */
export function fail(io: Io, name: string, error: unknown): 2 {
  const prefix = commandPrefix(name);
  const message = error instanceof Error ? error.message : String(error);
  if (isUsageError(error)) io.stderr(`${prefix}: ${message} (see \`${prefix} --help\`)\n`);
  else {
    const frames = error instanceof Error ? (error.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l)) : [];
    io.stderr(`${prefix}: internal error: ${message}\n${frames.map((l) => `${l}\n`).join('')}`);
  }
  return 2;
}

/** A `--root` that is not a folder would otherwise check nothing and pass. */
export async function checkRoot(root: string, given: string): Promise<void> {
  const info = await stat(root).catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(error.code === 'ELOOP' ? `Cannot read --root \`${given}\`: symbolic link loop` : `No such folder for --root: \`${given}\``);
  });
  if (!info.isDirectory()) throw new UsageError(`Not a folder for --root: \`${given}\``);
}

/** Parse, check, run: the one way a command is started, from the CLI or from a test. */
export async function runCommand<O extends OptionSpecs>(command: Command<O>, io: Io, argv: readonly string[], helpFooter?: () => Promise<string>): Promise<number> {
  try {
    const options: OptionSpecs = { ...command.options, ...SHARED };
    const parsed = parseArgs({ args: [...argv], options, strict: true, allowPositionals: true });
    const values = parsed.values as Record<string, unknown>;
    if (values.help) return io.stdout(helpText(command as unknown as Command) + (helpFooter ? await helpFooter() : '')), 0;
    for (const [name, o] of Object.entries(options)) {
      const value = values[name];
      if (o.choices && typeof value === 'string' && !o.choices.includes(value)) throw new UsageError(`Unknown --${name} \`${value}\`, expected ${orList(o.choices)}`);
    }
    const given = (values.root as string | undefined) ?? (command.rootEnv ? io.env?.[command.rootEnv] || undefined : undefined);
    const root = given === undefined ? io.cwd : resolve(io.cwd, given);
    await checkRoot(root, given ?? root);
    return await command.run(io, { values: values as Values<O>, positionals: parsed.positionals, root });
  } catch (error) {
    return fail(io, command.name, error);
  }
}

/** `a, b or c`. */
export function orList(items: readonly string[]): string {
  return items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}

/** An option's whole number within bounds (`--limit 5`); anything else is a usage error naming the flag. */
export function wholeNumber(flag: string, raw: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!(n >= min && n <= max)) {
    throw new UsageError(`Unexpected ${flag} \`${raw}\`, expected a whole number ${max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `from ${min} to ${max}`}`);
  }
  return n;
}

/** `--today`: a real `YYYY-MM`, this month (UTC) when not given. */
export function monthOption(raw: string | undefined): string {
  const month = raw ?? currentMonth();
  if (!VERIFIED_PATTERN.test(month)) throw new UsageError(`Unexpected --today \`${month}\`, expected YYYY-MM`);
  return month;
}

/** `--link-base`: an https prefix ending in `/`, so a path can be appended to it. */
export function linkBaseOption(raw: string | undefined): string | undefined {
  if (raw !== undefined && !/^https:\/\/\S+\/$/.test(raw)) throw new UsageError(`Unexpected --link-base \`${raw}\`, expected an https URL ending in /`);
  return raw;
}

/** A command that takes no operands refuses one by name. */
export function noOperands(positionals: readonly string[], hint = ''): void {
  if (positionals.length) throw new UsageError(`Unexpected argument \`${positionals[0]}\`${hint ? `; ${hint}` : ''}`);
}
