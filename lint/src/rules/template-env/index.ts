import { defineRule } from '../define.ts';

/** Variables bash or the environment always provide; reading them is not a template parameter. */
const AMBIENT = new Set(
  'HOME PATH PWD OLDPWD USER LOGNAME SHELL TERM TMPDIR LANG LC_ALL HOSTNAME IFS OPTARG OPTIND OPTERR RANDOM SECONDS LINENO EUID UID PPID BASHPID BASH_SOURCE BASH_LINENO BASH_VERSION BASH_REMATCH BASH_COMMAND FUNCNAME PIPESTATUS EPOCHSECONDS EPOCHREALTIME COLUMNS LINES REPLY BATS_TEST_TMPDIR'.split(' '),
);

/** Names a script assigns itself: `NAME=`, `read NAME`, `for NAME in`, `local/declare/export/readonly NAME`. */
function assigned(code: string): Set<string> {
  const out = new Set<string>();
  for (const m of code.matchAll(/(?:^|[\s;(&|])(?:local|declare|export|readonly|typeset)?\s*(?:-\w+\s+)*([A-Za-z_][A-Za-z0-9_]*)\+?=/gm)) out.add(m[1]);
  for (const m of code.matchAll(/\bread\b(?:\s+-\w+(?:\s+\S+)?)*((?:\s+[A-Za-z_][A-Za-z0-9_]*)+)/g)) for (const n of m[1].trim().split(/\s+/)) out.add(n);
  for (const m of code.matchAll(/\bfor\s+([A-Za-z_][A-Za-z0-9_]*)\s+in\b/g)) out.add(m[1]);
  for (const m of code.matchAll(/\bgetopts\s+\S+\s+([A-Za-z_][A-Za-z0-9_]*)/g)) out.add(m[1]);
  return out;
}

/**
 * Upper-case variables a script reads from its environment: those it expands with a default
 * (`${NAME:-x}`, `${NAME-x}`, `${NAME:?}`) and those it expands without ever assigning them.
 */
export function environmentReads(code: string): Map<string, number> {
  // Comment lines are masked, not removed, so offsets still point into the script. The mask is `#`, not a
  // space: a long run of blanks made the assignment pattern, which may start at any blank, quadratic in it.
  const body = code.split('\n').map((l) => (/^\s*#/.test(l) ? '#'.repeat(l.length) : l)).join('\n');
  const mine = assigned(body);
  const reads = new Map<string, number>();
  const note = (name: string, index: number) => {
    if (!reads.has(name)) reads.set(name, index);
  };
  for (const m of body.matchAll(/\$\{([A-Z][A-Z0-9_]*)(:?[-?=])/g)) if (!AMBIENT.has(m[1])) note(m[1], m.index ?? 0);
  for (const m of body.matchAll(/\$\{?([A-Z][A-Z0-9_]*)\b/g)) if (!AMBIENT.has(m[1]) && !mine.has(m[1])) note(m[1], m.index ?? 0);
  return reads;
}

export default defineRule({
  id: 'template-env',
  description: 'Every environment variable a script template reads is documented in its metadata, and nothing else is',
  severity: 'error',
  kinds: ['template'],
  scope: 'file',
  check(file, ctx) {
    if (!file.frontmatter.present) return;
    const env = file.frontmatter.data.env;
    const documented = new Set(env && typeof env === 'object' ? Object.keys(env) : []);
    const reads = environmentReads(file.text);
    const lineOf = (offset: number) => file.text.slice(0, offset).split('\n').length;
    for (const [name, offset] of reads) {
      if (!documented.has(name)) {
        const line = lineOf(offset);
        const column = offset - file.text.lastIndexOf('\n', offset - 1);
        ctx.report(file, { message: `Undocumented environment variable \`${name}\`, expected an \`env.${name}\` entry in the metadata block`, place: { line, column } });
      }
    }
    for (const name of documented) {
      if (!reads.has(name) && !new RegExp(`\\b${name}\\b`).test(file.text.split(/^# ---\s*$/m).slice(2).join(''))) {
        ctx.report(file, { message: `Documented variable \`${name}\` is never read by the script`, place: file.frontmatter.keyPositionOf(['env', name]), severity: 'warning' });
      }
    }
  },
});
