// Checks the metadata block of one script the way the site and linter read it:
// the YAML between the two "# ---" lines right after the shebang, with its strict keys, and that every
// upper-case variable the code reads is declared under `env` (or is assigned by the script itself).
// Usage: node meta_check.mjs SCRIPT   -> prints problems, exits 1 when there are any.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const YAML = require('yaml');

const file = process.argv[2];
const lines = readFileSync(file, 'utf8').split('\n');
const problems = [];
const say = (m) => problems.push(m);

if (lines[0] !== '#!/usr/bin/env bash') say('line 1 must be exactly #!/usr/bin/env bash');
if (lines[1] !== '# ---') say('line 2 must open the metadata block with "# ---"');
const end = lines.indexOf('# ---', 2);
if (end < 0) say('metadata block is not closed by a "# ---" line');

let meta = {};
if (end > 0) {
  const body = lines.slice(2, end).map((l) => {
    if (l !== '#' && !l.startsWith('# ')) say(`metadata line without "# " prefix: ${l}`);
    return l.replace(/^# ?/, '');
  });
  try {
    meta = YAML.parse(body.join('\n')) ?? {};
  } catch (e) {
    say(`metadata is not valid YAML: ${e.message}`);
  }
}

const allowed = ['title', 'purpose', 'usage', 'env', 'gotchas', 'principles', 'promises', 'refuses', 'needs'];
for (const k of Object.keys(meta)) if (!allowed.includes(k)) say(`unknown metadata key: ${k}`);
for (const k of ['title', 'purpose', 'usage']) if (typeof meta[k] !== 'string' || meta[k].length < 3) say(`missing or short ${k}`);
// Optional in the schema (fixtures and drafts), required of every published script: its page states them.
for (const k of ['promises', 'refuses']) {
  const list = meta[k];
  if (!Array.isArray(list) || list.length === 0) say(`${k}: a list of at least one sentence is required`);
  else for (const [i, item] of list.entries()) if (typeof item !== 'string' || item.length < 10) say(`${k}[${i}]: expected a sentence`);
}
const env = meta.env ?? {};
for (const [name, v] of Object.entries(env)) {
  if (!/^[A-Z][A-Z0-9_]*$/.test(name)) say(`env name not upper-case: ${name}`);
  for (const k of Object.keys(v ?? {})) if (!['default', 'description'].includes(k)) say(`env ${name}: unknown key ${k}`);
  if (typeof v?.description !== 'string' || v.description.length < 5) say(`env ${name}: description missing`);
  if (v?.default !== undefined && typeof v.default !== 'string') say(`env ${name}: default must be a string`);
}
for (const id of meta.gotchas ?? []) if (!/^[A-Z]{1,6}(?:-[A-Z]{1,6})?\d{1,3}$/.test(id)) say(`bad gotcha id ${id}`);
for (const n of meta.principles ?? []) if (!(Number.isInteger(n) && n >= 1 && n <= 10)) say(`bad principle ${n}`);

// Upper-case variables read by the code (comment lines and quoted heredoc bodies are code too: stay strict).
const code = lines.slice(end + 1).filter((l) => !/^\s*#/.test(l)).join('\n');
const assigned = new Set([...code.matchAll(/(?:^|[\s;(])(?:export\s+|local\s+|declare\s+-\w+\s+)?([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]));
const read = new Set([...code.matchAll(/\$\{?([A-Z][A-Z0-9_]*)/g)].map((m) => m[1]));
// Variables the shell or the login environment always provides are not parameters.
const ambient = new Set('HOME PATH PWD OLDPWD USER LOGNAME SHELL TERM TMPDIR LANG LC_ALL HOSTNAME IFS RANDOM SECONDS LINENO EUID UID PPID BASHPID BASH_SOURCE BASH_REMATCH FUNCNAME PIPESTATUS REPLY'.split(' '));
for (const name of read) {
  if (!(name in env) && !assigned.has(name) && !ambient.has(name)) say(`reads $${name} but env does not declare it`);
}
if (/(^|[\s;|&(])eval\s/m.test(code)) say('uses eval');
if (!/^set -Eeuo pipefail$/m.test(code)) say('missing "set -Eeuo pipefail"');

if (problems.length) {
  for (const p of problems) console.log(`${file}: ${p}`);
  process.exit(1);
}
