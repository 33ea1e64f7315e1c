/**
 * What the command line and every subcommand share: the process seen as plain data (so each `main` is a pure
 * function that tests call directly) and the error that means "the user asked for something we cannot do"
 * (exit 2 with a usage hint, never a stack trace). Its own module, so subcommands never import the CLI.
 */
export interface Io {
  argv: readonly string[];
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env?: Record<string, string | undefined>;
}

/** The linter's version, as `--version`, SARIF and the MCP server report it. */
export const VERSION = '0.1.0';

export class UsageError extends Error {}

/** A subcommand: its own arguments in, an exit code out. */
export type Command = (io: Io, args: string[]) => Promise<number>;

/**
 * How a subcommand ends on an error: a usage error (ours, or `parseArgs` refusing an option) prints its first
 * line and where help is; anything else is an internal error. Both exit 2, neither prints a stack trace.
 */
export function failCommand(io: Io, command: string, error: unknown, options: { hint?: boolean } = {}): 2 {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof UsageError || (error as { code?: string } | null)?.code?.startsWith('ERR_PARSE_ARGS')) {
    const hint = options.hint === false ? '' : ` (see \`${command} --help\`)`;
    io.stderr(`${command}: ${message.split('\n')[0]}${hint}\n`);
  } else {
    io.stderr(`${command}: internal error: ${message}\n`);
  }
  return 2;
}
