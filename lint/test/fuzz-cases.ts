/**
 * Generators of hostile documents, shared by the property test (lint/test/property.test.ts) and the fuzz
 * bench that times them and reports peak memory (bench/fuzz.ts): broken YAML, wrong types, alias bombs,
 * unclosed fences, deep nesting, long runs of markers, huge files, hostile HTML, invalid UTF-8, NUL bytes,
 * mixed line endings, BOMs, of every content kind. Every generated document is wrong for its kind.
 */
import fc from 'fast-check';
import { lint, type Finding } from '../src/engine/run.ts';
import { MAX_BLOCK_MARKS, MAX_INLINE_MARKS, MAX_MARKDOWN_LINES } from '../src/engine/bounds.ts';
import { baseCorpus, GOTCHA, PROFILE, SCRIPT } from './corpus.ts';

export type Kind = 'gotcha' | 'profile' | 'catalog' | 'reference' | 'template';

/** A document as a frontmatter (list of YAML lines) and a body, so corruptions can aim at either. */
interface Doc {
  kind: Kind;
  yaml: string[];
  body: string;
}

const CATALOG = '---\ntitle: Beta\ndescription: Another catalog for the property tests.\nprefixes: [BE]\nsection: training\n---\n\nSee [AL1](gotcha:AL1).\n';
const REFERENCE = '---\ntitle: A guide\ndescription: A reference page for the property tests.\n---\n\n## Part one\n\nSee [principle #1](principle:1).\n';

/** Split a valid base document into frontmatter lines and body. */
function split(kind: Kind, text: string): Doc {
  if (kind === 'template') {
    const [head, yaml, body] = text.split(/^# ---\n/m);
    return { kind, yaml: yaml.trimEnd().split('\n').map((l) => l.replace(/^# ?/, '')), body: `${head}\u0000${body}` };
  }
  const m = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
  if (!m) throw new Error(`base ${kind} has no frontmatter`);
  return { kind, yaml: m[1].split('\n'), body: m[2] };
}

function render(doc: Doc, closeFence = true): string {
  if (doc.kind === 'template') {
    const [head, body] = doc.body.split('\u0000');
    return `${head}# ---\n${doc.yaml.map((l) => `# ${l}`).join('\n')}\n${closeFence ? '# ---\n' : ''}${body}`;
  }
  return `---\n${doc.yaml.join('\n')}\n${closeFence ? '---\n' : ''}${doc.body}`;
}

const base = (kind: Kind, id: string): Doc =>
  split(kind, kind === 'gotcha' ? GOTCHA(id) : kind === 'profile' ? PROFILE() : kind === 'catalog' ? CATALOG : kind === 'reference' ? REFERENCE : SCRIPT());

/** Values of the wrong type for `title`, which every kind requires to be a string. */
const wrongValue = fc.oneof(
  fc.integer().map(String),
  fc.constantFrom('true', 'null', '~', '[]', '{}', '[1, 2]', '{a: 1}', '.nan', '-.inf'),
  fc.array(fc.integer(), { maxLength: 4 }).map((a) => `[${a.join(', ')}]`),
);

/** Text that makes YAML fail to parse. */
const brokenYaml = fc.constantFrom('title: [unclosed', 'title: "no end', 'a: b: c', '\tindented: with a tab', 'key: &x\n  *y', '- a list\nkey: value', 'dup: 1\ndup: 2', ': no key', '{', 'title: |\n bad\nindent', '? [complex]\n: key');

const deepYaml = fc.integer({ min: 50, max: 3000 }).map((n) => `title: ${'['.repeat(n)}${']'.repeat(n)}`);
const aliasBomb = fc.constant('a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]');

/** Units whose repeats make micromark pair markers (issue 33's battery: `*_` 120 KB took over a minute). */
const PAIR_UNITS = ['*_', '*~', 'x*', ']', '[', '[a](', '[^a]', '*a_', '~~a', '|a', '<a', '`a', '_a*'];
/** Units whose repeats make many lines or blocks (a 20,000-line paragraph; 1 MiB of list items took 96 s). */
const BLOCK_UNITS = ['word word word\n', '- a\n', '> a\n', '# a\n', '[a]: b\n', 'a\n', '|a|b|\n', '1. a\n', '<b>x</b>\n', 'a\n\n'];

const INLINE_MARK = /[*_~[\]|<`]/g;
const marks = (text: string) => text.match(INLINE_MARK)?.length ?? 0;
const newlines = (text: string) => text.split('\n').length - 1;
const repeatTo = (unit: string, bytes: number) => unit.repeat(Math.ceil(bytes / unit.length));

/**
 * `unit` repeated as far as fits under every bound of lint/src/engine/bounds.ts, given the marks and lines
 * `body` already has: blocks of just under MAX_BLOCK_MARKS marks between blank lines, up to just under
 * MAX_INLINE_MARKS marks and MAX_MARKDOWN_LINES lines in the file, and 200,000 characters.
 */
function nearBound(unit: string, body: string): string {
  const perUnit = { marks: marks(unit), lines: newlines(unit) };
  const sep = unit.endsWith('\n') ? '\n' : '\n\n';
  const room = { marks: MAX_INLINE_MARKS - 100 - marks(body), lines: MAX_MARKDOWN_LINES - 100 - newlines(body), chars: 200_000 };
  const pieces: string[] = [];
  let used = { marks: 0, lines: 0, chars: 0 };
  let inBlock = 0;
  for (;;) {
    const newBlock = perUnit.marks > 0 && inBlock + perUnit.marks > MAX_BLOCK_MARKS - 10;
    const add = (newBlock ? sep : '') + unit;
    const next = { marks: used.marks + perUnit.marks, lines: used.lines + perUnit.lines + newlines(newBlock ? sep : ''), chars: used.chars + add.length };
    if (next.marks > room.marks || next.lines > room.lines || next.chars > room.chars) break;
    pieces.push(add);
    used = next;
    inBlock = (newBlock ? 0 : inBlock) + perUnit.marks;
  }
  return pieces.join('');
}

/** `unit` repeated to `total` marks, in paragraphs of under MAX_BLOCK_MARKS marks between blank lines. */
function spread(unit: string, total: number): string {
  const perBlock = Math.floor((MAX_BLOCK_MARKS - 10) / marks(unit));
  const blocks = Math.ceil(total / (perBlock * marks(unit)));
  return `${Array.from({ length: blocks }, () => unit.repeat(perBlock)).join('\n\n')}\n`;
}

const aliasesBehindCr = fc.integer({ min: 51, max: 400 }).map((n) => `a: &a [x, x]\r${Array.from({ length: n }, (_, i) => `b${i}:\r  - *a`).join('\r')}`);
const aliasTree = fc.integer({ min: 14, max: 24 }).map((depth) => `l0: &l0 [data, data]\n${Array.from({ length: depth }, (_, i) => `l${i + 1}: &l${i + 1} [*l${i}, *l${i}]`).join('\n')}\ntree: [*l${depth}, *l${depth}]`);

/** Text-level changes that always make a document wrong for its kind. */
type Breaking = { name: string; apply: (doc: Doc) => { doc: Doc; closeFence: boolean } };

/**
 * Every way a document of `kind` is broken, one arbitrary per named shape, in groups: the random mix picks a
 * group, then a shape in it (so adding a marker unit does not crowd out the YAML cases), and the smoke test
 * (lint/test/property.test.ts) takes every shape of every group.
 */
function breakerGroups(kind: Kind, heavy: boolean): fc.Arbitrary<Breaking>[][] {
  const yamlLine = (name: string) => (line: string): Breaking => ({ name, apply: (doc) => ({ doc: { ...doc, yaml: [...doc.yaml, ...line.split('\n')] }, closeFence: true }) });
  const groups: fc.Arbitrary<Breaking>[][] = [
    [brokenYaml.map(yamlLine('yaml'))],
    [deepYaml.map(yamlLine('yaml-deep'))],
    [aliasBomb.map(yamlLine('alias-bomb'))],
    [aliasesBehindCr.map(yamlLine('aliases-behind-cr'))],
    [aliasTree.map(yamlLine('alias-tree'))],
    [wrongValue.map((v) => ({ name: 'type', apply: (doc) => ({ doc: { ...doc, yaml: doc.yaml.map((l) => (/^title:/.test(l) ? `title: ${v}` : l)) }, closeFence: true }) }))],
    [fc.constant<Breaking>({ name: 'unknown-field', apply: (doc) => ({ doc: { ...doc, yaml: [...doc.yaml, 'surprise: field'] }, closeFence: true }) })],
    // Frontmatter nested past what a recursive YAML parser survives (issue 22): refused with one finding.
    [fc.integer({ min: 65, max: 1000 }).map((n) => ({ name: 'deep-frontmatter', apply: (doc) => ({ doc: { ...doc, yaml: [...doc.yaml, ...Array.from({ length: n }, (_, i) => `${' '.repeat(i)}k${i}:`), `${' '.repeat(n)}x`] }, closeFence: true }) }))],
    // A template's metadata block ends at the first `# ---`; without it there is no block, which is reported.
    [fc.constant<Breaking>({ name: 'no-closing-fence', apply: (doc) => ({ doc, closeFence: false }) })],
  ];
  if (kind === 'gotcha' || kind === 'profile') {
    // An unclosed fence swallows every later heading; the required sections go missing.
    groups.push([fc.constantFrom('```', '~~~', '````bash').map((fence) => ({ name: 'fence', apply: (doc) => ({ doc: { ...doc, body: doc.body.replace(/\n## /, `\n${fence}\n## `) }, closeFence: true }) }))]);
    groups.push([
      // Every line one level deeper than the last, as deep as `depth`. micromark's cost grows steeply with
      // depth (about a second at 120 levels), so depth stays where ten thousand documents remain affordable.
      fc.tuple(fc.constantFrom('> ', '- ', '1. ', '* > '), fc.integer({ min: 8, max: 40 })).map(([marker, depth]) => ({
        name: 'nesting',
        apply: (doc) => ({ doc: { ...doc, body: `${Array.from({ length: depth }, (_, i) => `${marker.repeat(i + 1)}deep ${i}`).join('\n')}\n` }, closeFence: true }),
      })),
    ]);
  }
  if (kind !== 'template') {
    // The shapes that hung or crashed the parser (issue 22): long runs of markers, containers nested past 100
    // levels, and a file over the size limit. Each is refused before parsing with one positioned finding.
    const body = (make: (n: number) => string, min: number, max: number, name: string) =>
      fc.integer({ min, max }).map((n) => ({ name, apply: (doc: Doc) => ({ doc: { ...doc, body: `${doc.body}\n${make(n)}\n` }, closeFence: true }) }));
    const appended = (name: string, text: (doc: Doc) => string, extraYaml: string[] = []): Breaking => ({ name, apply: (doc) => ({ doc: { ...doc, yaml: [...doc.yaml, ...extraYaml], body: `${doc.body}\n${text(doc)}` }, closeFence: true }) });
    const most = heavy ? 1024 * 1024 : 20_000;
    groups.push(
      [
        body((n) => `${'*'.repeat(n)}x${'*'.repeat(n)}`, 1001, 20_000, 'emphasis-run'),
        body((n) => '`'.repeat(n), 1001, 5000, 'backtick-run'),
        body((n) => `${'>'.repeat(n)} x`, 101, 10_000, 'quote-run'),
        body((n) => '- '.repeat(n), 101, 10_000, 'marker-run'),
        body((n) => Array.from({ length: n }, (_, i) => `${'  '.repeat(i)}- x`).join('\n'), 101, 1000, 'indented-list'),
      ],
      // Issue 33: shapes on which micromark's time grows faster than the text (pairing emphasis, strikethrough
      // and bracket markers; long paragraphs; many blocks), up to 1 MiB. Each passes a bound of
      // lint/src/engine/bounds.ts, so each is refused before the parser sees it.
      PAIR_UNITS.map((unit) => fc.integer({ min: 5_001, max: most }).map((bytes) => appended(`pairs ${JSON.stringify(unit)}`, () => `${repeatTo(unit, Math.max(bytes, Math.ceil((5_001 * unit.length) / marks(unit))))}\n`))),
      // Fewer marks than the file may hold, but more than MAX_BLOCK_MARKS in one paragraph, where micromark
      // pairs them (4,900 `x*` in one paragraph took 2 s, and 7-10 s on a loaded machine).
      PAIR_UNITS.map((unit) => fc.integer({ min: MAX_BLOCK_MARKS + 1, max: MAX_INLINE_MARKS - 100 }).map((n) => appended(`paragraph ${JSON.stringify(unit)}`, () => `${unit.repeat(Math.ceil(n / marks(unit)))}\n`))),
      // More marks than the file may hold, spread over paragraphs that each stay under MAX_BLOCK_MARKS.
      PAIR_UNITS.map((unit) => fc.integer({ min: MAX_INLINE_MARKS + 1, max: heavy ? 60_000 : 8_000 }).map((n) => appended(`spread ${JSON.stringify(unit)}`, () => spread(unit, n)))),
      BLOCK_UNITS.map((unit) => fc.integer({ min: 5_001, max: most }).map((bytes) => appended(`blocks ${JSON.stringify(unit)}`, () => repeatTo(unit, Math.max(bytes, 5_001 * unit.length))))),
      // Just inside the bounds (paragraphs of 990 marks up to 4,900 in the file, 4,900 lines), made wrong by
      // an unknown field: the heaviest parse a file can still get, so only the timed bench has them.
      ...(heavy ? [[...PAIR_UNITS, ...BLOCK_UNITS].map((unit) => fc.constant(appended(`near-bound ${JSON.stringify(unit)}`, (doc) => `${nearBound(unit, doc.body)}\n`, ['surprise: field'])))] : []),
      [fc.integer({ min: 1024 * 1024 + 1, max: 3 * 1024 * 1024 }).map((n) => appended('huge', () => `${'word '.repeat(Math.ceil(n / 5))}\n`))],
    );
  }
  return groups;
}

/** Changes that stress the reader without necessarily being wrong on their own. */
type Stress = (text: string) => string;
const stresses: fc.Arbitrary<Stress>[] = [
  fc.integer({ min: 10_000, max: 100_000 }).map((n) => (t: string) => `${t}\n${'x'.repeat(n)}\n`),
  fc.integer({ min: 20, max: 500 }).map((n) => (t: string) => t.replace('\n\n', `\n\n${'[link](gotcha:AL1) '.repeat(n)}\n\n`)),
  fc.constant((t: string) => `\ufeff${t}`),
  // Hostile HTML: nothing from a page may run in a reader's browser (issue 22); the linter must survive it.
  fc.constantFrom('<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '<svg onload=alert(1)>', '<iframe src="javascript:alert(1)"></iframe>', '<style>*{display:none}</style>', '[x](javascript:alert(1))', '<a href="data:text/html,<script>alert(1)</script>">x</a>', '<!--', '<div>'.repeat(500)).map((html) => (t: string) => t.replace('\n\n', `\n\n${html}\n\n`)),
  fc.array(fc.constantFrom('\r\n', '\r', '\n'), { minLength: 1, maxLength: 8 }).map((ends) => (t: string) => t.split('\n').map((l, i) => l + ends[i % ends.length]).join('')),
  fc.string({ unit: 'grapheme', maxLength: 40 }).map((s) => (t: string) => t.replace('\n\n', `\n\n${s}\n\n`)),
  fc.string({ unit: fc.constantFrom('{', '}', '#', '[', ']', '(', ')', '<', '>', '`', '*', '_', '|', '\\', ':', '-'), maxLength: 200 }).map((s) => (t: string) => `${t}\n${s}\n`),
];

/** Byte-level breakage: never valid UTF-8 text. */
export const badBytes = fc.constantFrom([0xff], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0xf5, 0x80, 0x80, 0x80], [0x00], [0xf0, 0x9f, 0x98]);

export interface Case {
  kind: Kind;
  breaking: Breaking;
  stress: Stress[];
  bytes?: { at: number; seq: readonly number[] };
}

const caseFor = (kind: Kind, heavy: boolean): fc.Arbitrary<Case> =>
  fc.record({
    kind: fc.constant(kind),
    breaking: fc.oneof(...breakerGroups(kind, heavy).map((group) => (group.length === 1 ? group[0] : fc.oneof(...group)))),
    stress: fc.array(fc.oneof(...stresses), { maxLength: 2 }),
    bytes: fc.option(fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), seq: badBytes }), { freq: 5, nil: undefined }),
  });

const casesOf = (heavy: boolean) =>
  fc.oneof({ weight: 6, arbitrary: caseFor('gotcha', heavy) }, { weight: 2, arbitrary: caseFor('profile', heavy) }, { weight: 1, arbitrary: caseFor('catalog', heavy) }, { weight: 1, arbitrary: caseFor('reference', heavy) }, { weight: 1, arbitrary: caseFor('template', heavy) });

/** The property test's documents: every shape, each only as large as it takes to pass its bound. */
export const anyCase = casesOf(false);
/** The fuzz bench's documents: the same shapes up to 1 MiB, and parses just inside the bounds. */
export const benchCase = casesOf(true);

const KINDS: Kind[] = ['gotcha', 'profile', 'catalog', 'reference', 'template'];

/**
 * `samples` documents of every shape of every kind, as small as `anyCase` makes them, taking the reader
 * stresses in turn and invalid bytes in every fifth: every generator is in it, so a shape that stops being
 * refused (or reported) fails a test of a few hundred documents rather than only a ten-thousand-document run.
 */
export function everyShape(samples: number, seed: number): Case[] {
  const cases: Case[] = [];
  for (const kind of KINDS) {
    for (const shape of breakerGroups(kind, false).flat()) {
      for (const breaking of fc.sample(shape, { numRuns: samples, seed: seed + cases.length })) {
        const i = cases.length;
        const stress = fc.sample(stresses[i % stresses.length], { numRuns: 1, seed: seed + i })[0];
        const bytes = i % 5 === 4 ? { at: (i % 17) / 17, seq: fc.sample(badBytes, { numRuns: 1, seed: seed + i })[0] } : undefined;
        cases.push({ kind, breaking, stress: [stress], ...(bytes ? { bytes } : {}) });
      }
    }
  }
  return cases;
}

const PATHS: Record<Kind, (i: number) => string> = {
  gotcha: (i) => `content/gotchas/alpha/al${100 + i}-generated.md`,
  profile: (i) => `content/profiles/generated-${i}.md`,
  catalog: (i) => `content/catalogs/generated-${i}.md`,
  reference: (i) => `content/references/generated-${i}.md`,
  template: (i) => `scripts/generated_${i}.sh.template`,
};

export function materialise(cases: Case[]): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  cases.forEach((c, i) => {
    const { doc, closeFence } = c.breaking.apply(base(c.kind, `AL${100 + i}`));
    let text = render(doc, closeFence);
    for (const s of c.stress) text = s(text);
    let bytes: Uint8Array = new TextEncoder().encode(text);
    if (c.bytes) {
      const at = Math.floor(c.bytes.at * bytes.length);
      bytes = new Uint8Array([...bytes.subarray(0, at), ...c.bytes.seq, ...bytes.subarray(at)]);
    }
    files.set(PATHS[c.kind](i), bytes);
  });
  return files;
}

export async function lintFiles(files: Map<string, Uint8Array>, order: readonly string[]): Promise<Finding[]> {
  const all = new Map<string, Uint8Array>([...Object.entries(baseCorpus()).map(([p, t]) => [p, new TextEncoder().encode(t)] as const), ...files]);
  const { findings } = await lint({
    root: '/virtual',
    corpus: order.filter((p) => all.has(p)).concat([...all.keys()].filter((p) => !order.includes(p))),
    today: '2026-11',
    maxAge: 6,
    read: async (p) => all.get(p) ?? Promise.reject(Object.assign(new Error('missing'), { code: 'ENOENT' })),
  });
  return findings;
}

