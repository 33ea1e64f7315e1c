/**
 * Every kb-lint command, by the words that select it. Each is loaded only when asked for (a `diagnose` run
 * never loads the linter's rules); `kb-lint --help` loads them all to list their usage lines and summaries.
 * Adding a command: a module in this folder exporting `command` (see command.ts), and one line here.
 */
import type { Command } from './command.ts';

type Module = { command: Command };

export const COMMANDS: Record<string, () => Promise<Module>> = {
  '': () => import('./lint.ts') as Promise<Module>,
  stale: () => import('./stale.ts') as Promise<Module>,
  verify: () => import('./verify.ts') as Promise<Module>,
  diagnose: () => import('./diagnose.ts') as Promise<Module>,
  'export skill': () => import('./export-skill.ts') as Promise<Module>,
  'export gotchas': () => import('./export-gotchas.ts') as Promise<Module>,
  'export schemas': () => import('./export-schemas.ts') as Promise<Module>,
  mcp: () => import('./mcp.ts') as Promise<Module>,
  new: () => import('./new.ts') as Promise<Module>,
};

export async function loadCommand(name: string): Promise<Command> {
  return (await COMMANDS[name]()).command;
}

/** The names that share a first word (`export`), by that word. */
export const GROUPS: ReadonlyMap<string, string[]> = Object.keys(COMMANDS).reduce((groups, name) => {
  const [first, second] = name.split(' ');
  if (second) groups.set(first, [...(groups.get(first) ?? []), second]);
  return groups;
}, new Map<string, string[]>());

/** The usage lines and summaries of some commands, as a help text lists them. */
export async function commandList(names: readonly string[]): Promise<string> {
  const { usageLines } = await import('./command.ts');
  const rows: string[] = [];
  for (const name of names) {
    const command = await loadCommand(name);
    rows.push(...usageLines(command).map((line) => `  ${line}`), `      ${command.summary}`);
  }
  return rows.join('\n');
}
