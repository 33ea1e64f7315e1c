/**
 * The command line, as a pure `main` (no process globals): find the command the first words name (linting
 * when they name none), hand it the rest, return its exit code. Every command is a module of one shape
 * (commands/command.ts); how arguments are parsed and how a command fails is written once there.
 * 0 = success, 1 = the command's "found something" outcome, 2 = usage or internal error.
 */
import { fail, runCommand } from './commands/command.ts';
import { commandList, COMMANDS, GROUPS, loadCommand } from './commands/index.ts';
import { UsageError, type Io } from './io.ts';

export { VERSION, type Io } from './io.ts';

/** `kb-lint export` without a known second word: its commands' help, or a usage error naming them. */
async function group(io: Io, word: string, rest: readonly string[]): Promise<number> {
  const names = GROUPS.get(word)!.map((second) => `${word} ${second}`);
  if (rest[0] === '-h' || rest[0] === '--help') return io.stdout(`Usage:\n${await commandList(names)}\n`), 0;
  const expected = GROUPS.get(word)!.map((w) => `\`${w}\``).join(' or ');
  const error = new UsageError(rest[0] === undefined ? `Missing what to ${word}, expected ${expected}` : `Unknown ${word} \`${rest[0]}\`, expected ${expected}`);
  return fail(io, word, error);
}

export async function main(io: Io): Promise<number> {
  const [first = '', second = ''] = io.argv;
  try {
    if (first && Object.hasOwn(COMMANDS, `${first} ${second}`)) return await runCommand(await loadCommand(`${first} ${second}`), io, io.argv.slice(2));
    if (GROUPS.has(first)) return await group(io, first, io.argv.slice(1));
    if (first && Object.hasOwn(COMMANDS, first)) return await runCommand(await loadCommand(first), io, io.argv.slice(1));
    const others = Object.keys(COMMANDS).filter((name) => name !== '');
    return await runCommand(await loadCommand(''), io, io.argv, async () => `\nCommands:\n${await commandList(others)}\n`);
  } catch (error) {
    return fail(io, '', error);
  }
}
