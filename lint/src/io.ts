/**
 * What the command line and every subcommand share: the process seen as plain data (so each command is a pure
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
