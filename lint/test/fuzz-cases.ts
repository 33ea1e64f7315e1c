/**
 * Generators of hostile documents, shared by the property test (lint/test/property.test.ts) and the fuzz
 * bench that times them and reports peak memory (bench/fuzz.ts): broken YAML, wrong types, alias bombs,
 * unclosed fences, deep nesting, long runs of markers, huge files, hostile HTML, invalid UTF-8, NUL bytes,
 * mixed line endings, BOMs, of every content kind. Every generated document is wrong for its kind.
 */
import fc from 'fast-check';
import { lint, type Finding } from '../src/engine/run.ts';
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
const repeatTo = (unit: string, bytes: number) => unit.repeat(Math.ceil(bytes / unit.length));

/** `unit` repeated as far as fits under every bound, given the marks and lines `body` already has. */
function nearBound(unit: string, body: string): string {
  const budgetMarks = 4_900 - marks(body);
  const budgetLines = 4_900 - body.split('\n').length;
  const perUnit = { marks: marks(unit), lines: unit.split('\n').length - 1 };
  const n = Math.min(perUnit.marks ? Math.floor(budgetMarks / perUnit.marks) : Infinity, perUnit.lines ? Math.floor(budgetLines / perUnit.lines) : Infinity, Math.floor(200_000 / unit.length));
  return unit.repeat(Math.max(0, n));
}

const aliasesBehindCr = fc.integer({ min: 51, max: 400 }).map((n) => `a: &a [x, x]\r${Array.from({ length: n }, (_, i) => `b${i}:\r  - *a`).join('\r')}`);
const aliasTree = fc.integer({ min: 14, max: 24 }).map((depth) => `l0: &l0 [data, data]\n${Array.from({ length: depth }, (_, i) => `l${i + 1}: &l${i + 1} [*l${i}, *l${i}]`).join('\n')}\ntree: [*l${depth}, *l${depth}]`);

/** Text-level changes that always make a document wrong for its kind. */
type Breaking = { name: string; apply: (doc: Doc) => { doc: Doc; closeFence: boolean } };

function breakers(kind: Kind, heavy: boolean): fc.Arbitrary<Breaking>[] {
  const yamlLine = (line: string): Breaking => ({ name: 'yaml', apply: (doc) => ({ doc: { ...doc, yaml: [...doc.yaml, ...line.split('\n')] }, closeFence: true }) });
  const list: fc.Arbitrary<Breaking>[] = [
    brokenYaml.map(yamlLine),
    deepYaml.map(yamlLine),
    aliasBomb.map(yamlLine),
    aliasesBehindCr.map(yamlLine),
    aliasTree.map(yamlLine),
    wrongValue.map((v) => ({ name: 'type', apply: (doc) => ({ doc: { ...doc, yaml: doc.yaml.map((l) => (/^title:/.test(l) ? `title: ${v}` : l)) }, closeFence: true }) })),
    fc.constant<Breaking>({ name: 'unknown-field', apply: (doc) => ({ doc: { ...doc, yaml: [...doc.yaml, 'surprise: field'] }, closeFence: true }) }),
  ];
  // Frontmatter nested past what a recursive YAML parser survives (issue 22): refused with one finding.
  list.push(fc.integer({ min: 65, max: 1000 }).map((n) => ({ name: 'deep-frontmatter', apply: (doc) => ({ doc: { ...doc, yaml: [...doc.yaml, ...Array.from({ length: n }, (_, i) => `${' '.repeat(i)}k${i}:`), `${' '.repeat(n)}x`] }, closeFence: true }) })));
  // A template's metadata block ends at the first `# ---`; without it there is no block, which is reported.
  list.push(fc.constant<Breaking>({ name: 'no-closing-fence', apply: (doc) => ({ doc, closeFence: false }) }));
  if (kind === 'gotcha' || kind === 'profile') {
    // An unclosed fence swallows every later heading; the required sections go missing.
    list.push(fc.constantFrom('```', '~~~', '````bash').map((fence) => ({ name: 'fence', apply: (doc) => ({ doc: { ...doc, body: doc.body.replace(/\n## /, `\n${fence}\n## `) }, closeFence: true }) })));
    list.push(
      // Every line one level deeper than the last, as deep as `depth`. micromark's cost grows steeply with
      // depth (about a second at 120 levels), so depth stays where ten thousand documents remain affordable.
      fc.tuple(fc.constantFrom('> ', '- ', '1. ', '* > '), fc.integer({ min: 8, max: 40 })).map(([marker, depth]) => ({
        name: 'nesting',
        apply: (doc) => ({ doc: { ...doc, body: `${Array.from({ length: depth }, (_, i) => `${marker.repeat(i + 1)}deep ${i}`).join('\n')}\n` }, closeFence: true }),
      })),
    );
  }
  if (kind !== 'template') {
    // The shapes that hung or crashed the parser (issue 22): long runs of markers, containers nested past 100
    // levels, and a file over the size limit. Each is refused before parsing with one positioned finding.
    const body = (make: (n: number) => string, min: number, max: number, name: string) =>
      fc.integer({ min, max }).map((n) => ({ name, apply: (doc: Doc) => ({ doc: { ...doc, body: `${doc.body}\n${make(n)}\n` }, closeFence: true }) }));
    list.push(
      fc.oneof(
        body((n) => `${'*'.repeat(n)}x${'*'.repeat(n)}`, 1001, 20_000, 'emphasis-run'),
        body((n) => '`'.repeat(n), 1001, 5000, 'backtick-run'),
        body((n) => `${'>'.repeat(n)} x`, 101, 10_000, 'quote-run'),
        body((n) => '- '.repeat(n), 101, 10_000, 'marker-run'),
        body((n) => Array.from({ length: n }, (_, i) => `${'  '.repeat(i)}- x`).join('\n'), 101, 1000, 'indented-list'),
      ),
      // Issue 33: shapes on which micromark's time grows faster than the text (pairing emphasis, strikethrough
      // and bracket markers; long paragraphs; many blocks), up to 1 MiB. Each passes a bound of
      // lint/src/engine/bounds.ts, so each is refused before the parser sees it.
      fc.tuple(fc.constantFrom(...PAIR_UNITS), fc.integer({ min: 5_001, max: heavy ? 1024 * 1024 : 20_000 })).map(([unit, bytes]) => ({
        name: `pairs ${JSON.stringify(unit)}`,
        apply: (doc: Doc) => ({ doc: { ...doc, body: `${doc.body}\n${repeatTo(unit, Math.max(bytes, Math.ceil((5_001 * unit.length) / marks(unit))))}\n` }, closeFence: true }),
      })),
      fc.tuple(fc.constantFrom(...BLOCK_UNITS), fc.integer({ min: 5_001, max: heavy ? 1024 * 1024 : 20_000 })).map(([unit, bytes]) => ({
        name: `blocks ${JSON.stringify(unit)}`,
        apply: (doc: Doc) => ({ doc: { ...doc, body: `${doc.body}\n${repeatTo(unit, Math.max(bytes, 5_001 * unit.length))}` }, closeFence: true }),
      })),
      // Just inside the bounds (4,900 marks in one paragraph, 4,900 lines), made wrong by an unknown field:
      // the heaviest parse a file can still get, a second or two each, so only the timed bench has them.
      ...(heavy
        ? [
            fc.tuple(fc.constantFrom(...PAIR_UNITS, ...BLOCK_UNITS)).map(([unit]) => ({
              name: `near-bound ${JSON.stringify(unit)}`,
              apply: (doc: Doc) => ({ doc: { ...doc, yaml: [...doc.yaml, 'surprise: field'], body: `${doc.body}\n${nearBound(unit, doc.body)}\n` }, closeFence: true }),
            })),
          ]
        : []),
      fc.integer({ min: 1024 * 1024 + 1, max: 3 * 1024 * 1024 }).map((n) => ({ name: 'huge', apply: (doc: Doc) => ({ doc: { ...doc, body: `${doc.body}\n${'word '.repeat(Math.ceil(n / 5))}\n` }, closeFence: true }) })),
    );
  }
  return list;
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
    breaking: fc.oneof(...breakers(kind, heavy)),
    stress: fc.array(fc.oneof(...stresses), { maxLength: 2 }),
    bytes: fc.option(fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), seq: badBytes }), { freq: 5, nil: undefined }),
  });

const casesOf = (heavy: boolean) =>
  fc.oneof({ weight: 6, arbitrary: caseFor('gotcha', heavy) }, { weight: 2, arbitrary: caseFor('profile', heavy) }, { weight: 1, arbitrary: caseFor('catalog', heavy) }, { weight: 1, arbitrary: caseFor('reference', heavy) }, { weight: 1, arbitrary: caseFor('template', heavy) });

/** The property test's documents: every shape, each only as large as it takes to pass its bound. */
export const anyCase = casesOf(false);
/** The fuzz bench's documents: the same shapes up to 1 MiB, and parses just inside the bounds. */
export const benchCase = casesOf(true);

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

