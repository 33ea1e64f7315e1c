/**
 * Rule fixtures that say what they should produce (markdownlint's `test/*.md` with their markers are the
 * model). Each file under lint/src/rules/<id>/fixtures/ ends with a block naming where in the corpus it is
 * linted and every finding it must give, one a line, as `line:column severity rule-id message-start`:
 *
 *   <!-- expect at content/gotchas/alpha/al3-example.md
 *   12:1 error no-todo Unexpected placeholder
 *   -->
 *
 * (in a shell template, the same lines each behind `# `). A block with no finding lines says the fixture is
 * clean. The block comes after everything a rule reads, so it moves no position. The message may be cut short,
 * or left out where line, column and rule say enough; `…` in it stands for any text (a word the block may not
 * hold itself, such as the placeholder no-todo reports). lint/test/rule-fixtures.test.ts checks every fixture.
 */
import { readFileSync } from 'node:fs';
import { lintCorpus, only, type RunOptions } from './corpus.ts';

export interface Marker {
  line: number;
  column: number;
  severity: string;
  ruleId: string;
  /** The start of the message, when the marker gives one; `…` stands for any text. */
  message: string;
}

export interface FixtureSpec {
  /** Where the fixture is placed in the test corpus. */
  at: string;
  markers: Marker[];
}

const MARKER = /^(\d+):(\d+) (error|warning) ([a-z0-9-]+)(?: (.+))?$/;

/** The `expect` block at the end of a fixture; throws, naming the line, when it is missing or malformed. */
export function readMarkers(name: string, text: string): FixtureSpec {
  const lines = text.replace(/\n$/, '').split('\n');
  const shell = name.endsWith('.sh') || name.endsWith('.template');
  const strip = (line: string) => (shell ? line.replace(/^# ?/, '') : line);
  const start = lines.findLastIndex((line) => /^(?:<!-- |# )expect at \S+$/.test(line));
  if (start === -1) throw new Error(`${name}: no \`expect at <path>\` block at its end (see lint/test/fixture.ts)`);
  const at = lines[start].split(' ').at(-1)!;
  const body = lines.slice(start + 1);
  if (!shell) {
    if (body.at(-1) !== '-->') throw new Error(`${name}:${lines.length}: the expect block must end with a line \`-->\``);
    body.pop();
  }
  const markers = body.map((raw, i) => {
    const m = MARKER.exec(strip(raw).trim());
    if (!m) throw new Error(`${name}:${start + i + 2}: \`${raw}\` is not \`line:column severity rule-id [message start]\``);
    return { line: Number(m[1]), column: Number(m[2]), severity: m[3], ruleId: m[4], message: m[5] ?? '' };
  });
  return { at, markers };
}

/** Whether a message starts with a marker's text, each `…` in it standing for any run of characters. */
export function says(message: string, marker: string): boolean {
  let at = 0;
  for (const [i, part] of marker.split('…').entries()) {
    const found = i === 0 ? (message.startsWith(part) ? 0 : -1) : message.indexOf(part, at);
    if (found === -1) return false;
    at = found + part.length;
  }
  return true;
}

const show = (f: { line?: number; column?: number; severity: string; ruleId: string; message: string }) => `${f.line ?? '?'}:${f.column ?? '?'} ${f.severity} ${f.ruleId} ${f.message}`;

/**
 * Lints one fixture where its block says and compares: every finding of the fixture's rule, or of a rule a
 * marker names, on that file, against the markers. Resolves to what is missing and what is extra.
 */
export async function checkFixture(ruleId: string, name: string, options?: RunOptions): Promise<{ missing: string[]; extra: string[] }> {
  const bytes = readFileSync(new URL(`../src/rules/${ruleId}/fixtures/${name}`, import.meta.url));
  const { at, markers } = readMarkers(name, bytes.toString('utf8'));
  const rules = new Set([ruleId, ...markers.map((m) => m.ruleId)]);
  const extra = (await lintCorpus({ [at]: new Uint8Array(bytes) }, options)).filter((f) => f.file === at && rules.has(f.ruleId));
  const missing: string[] = [];
  for (const marker of markers) {
    const i = extra.findIndex((f) => f.line === marker.line && f.column === marker.column && f.severity === marker.severity && f.ruleId === marker.ruleId && says(f.message, marker.message));
    if (i === -1) missing.push(show(marker));
    else extra.splice(i, 1);
  }
  return { missing, extra: extra.map(show) };
}

/** One rule's findings on a fixture placed somewhere else than its block says (a rule-specific test). */
export async function fixtureFindings(ruleId: string, name: string, at: string, options?: RunOptions): Promise<string[]> {
  const bytes = readFileSync(new URL(`../src/rules/${ruleId}/fixtures/${name}`, import.meta.url));
  return only(await lintCorpus({ [at]: new Uint8Array(bytes) }, options), ruleId);
}
