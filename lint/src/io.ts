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

export class UsageError extends Error {}

/** A subcommand: its own arguments in, an exit code out. */
export type Command = (io: Io, args: string[]) => Promise<number>;
