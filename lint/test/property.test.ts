/**
 * Hostile input, generated: over ten thousand malformed documents (broken YAML, wrong types, alias bombs,
 * unclosed fences, deep nesting, huge lines, invalid UTF-8, NUL bytes, mixed line endings, BOMs) of every
 * content kind. The linter must not throw, must say something positioned about every broken file, and must
 * answer the same whatever the run and whatever the order of the files.
 *
 * Documents are linted in batches in memory on the main thread, so the 10,000 cost seconds, not minutes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lint, type Finding } from '../src/engine/run.ts';
import { baseCorpus, GOTCHA, PROFILE, SCRIPT } from './corpus.ts';

type Kind = 'gotcha' | 'profile' | 'catalog' | 'reference' | 'template';

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

/** Text-level changes that always make a document wrong for its kind. */
type Breaking = { name: string; apply: (doc: Doc) => { doc: Doc; closeFence: boolean } };

function breakers(kind: Kind): fc.Arbitrary<Breaking>[] {
  const yamlLine = (line: string): Breaking => ({ name: 'yaml', apply: (doc) => ({ doc: { ...doc, yaml: [...doc.yaml, ...line.split('\n')] }, closeFence: true }) });
  const list: fc.Arbitrary<Breaking>[] = [
    brokenYaml.map(yamlLine),
    deepYaml.map(yamlLine),
    aliasBomb.map(yamlLine),
    wrongValue.map((v) => ({ name: 'type', apply: (doc) => ({ doc: { ...doc, yaml: doc.yaml.map((l) => (/^title:/.test(l) ? `title: ${v}` : l)) }, closeFence: true }) })),
    fc.constant<Breaking>({ name: 'unknown-field', apply: (doc) => ({ doc: { ...doc, yaml: [...doc.yaml, 'surprise: field'] }, closeFence: true }) }),
  ];
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
  return list;
}

/** Changes that stress the reader without necessarily being wrong on their own. */
type Stress = (text: string) => string;
const stresses: fc.Arbitrary<Stress>[] = [
  fc.integer({ min: 10_000, max: 100_000 }).map((n) => (t: string) => `${t}\n${'x'.repeat(n)}\n`),
  fc.integer({ min: 20, max: 500 }).map((n) => (t: string) => t.replace('\n\n', `\n\n${'[link](gotcha:AL1) '.repeat(n)}\n\n`)),
  fc.constant((t: string) => `\ufeff${t}`),
  fc.array(fc.constantFrom('\r\n', '\r', '\n'), { minLength: 1, maxLength: 8 }).map((ends) => (t: string) => t.split('\n').map((l, i) => l + ends[i % ends.length]).join('')),
  fc.string({ unit: 'grapheme', maxLength: 40 }).map((s) => (t: string) => t.replace('\n\n', `\n\n${s}\n\n`)),
  fc.string({ unit: fc.constantFrom('{', '}', '#', '[', ']', '(', ')', '<', '>', '`', '*', '_', '|', '\\', ':', '-'), maxLength: 200 }).map((s) => (t: string) => `${t}\n${s}\n`),
];

/** Byte-level breakage: never valid UTF-8 text. */
const badBytes = fc.constantFrom([0xff], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0xf5, 0x80, 0x80, 0x80], [0x00], [0xf0, 0x9f, 0x98]);

interface Case {
  kind: Kind;
  breaking: Breaking;
  stress: Stress[];
  bytes?: { at: number; seq: readonly number[] };
}

const caseFor = (kind: Kind): fc.Arbitrary<Case> =>
  fc.record({
    kind: fc.constant(kind),
    breaking: fc.oneof(...breakers(kind)),
    stress: fc.array(fc.oneof(...stresses), { maxLength: 2 }),
    bytes: fc.option(fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), seq: badBytes }), { freq: 5, nil: undefined }),
  });

const anyCase = fc.oneof({ weight: 6, arbitrary: caseFor('gotcha') }, { weight: 2, arbitrary: caseFor('profile') }, { weight: 1, arbitrary: caseFor('catalog') }, { weight: 1, arbitrary: caseFor('reference') }, { weight: 1, arbitrary: caseFor('template') });

const PATHS: Record<Kind, (i: number) => string> = {
  gotcha: (i) => `content/gotchas/alpha/al${100 + i}-generated.md`,
  profile: (i) => `content/profiles/generated-${i}.md`,
  catalog: (i) => `content/catalogs/generated-${i}.md`,
  reference: (i) => `content/references/generated-${i}.md`,
  template: (i) => `scripts/generated_${i}.sh.template`,
};

function materialise(cases: Case[]): Map<string, Uint8Array> {
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

async function lintFiles(files: Map<string, Uint8Array>, order: readonly string[]): Promise<Finding[]> {
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

const BATCH = 25;
const RUNS = Number(process.env.KB_PROPERTY_RUNS ?? 400);

describe('kb-lint on generated hostile documents', () => {
  it(`${BATCH * RUNS} malformed documents: no throw, a positioned finding for each, same answer in any order`, { timeout: 900_000 }, async () => {
    let documents = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(anyCase, { minLength: BATCH, maxLength: BATCH }), fc.integer(), async (cases, seed) => {
        const files = materialise(cases);
        documents += files.size;
        const paths = [...files.keys()];
        const first = await lintFiles(files, paths);
        for (const path of paths) {
          const mine = first.filter((f) => f.file === path);
          expect(mine.length, `${path} is broken and must be reported`).toBeGreaterThan(0);
        }
        for (const f of first) {
          expect(f.line, `${f.file} ${f.ruleId} ${f.message}`).toBeGreaterThanOrEqual(1);
          expect(f.column, `${f.file} ${f.ruleId} ${f.message}`).toBeGreaterThanOrEqual(1);
        }
        // Shuffle the corpus order deterministically from the seed; the answer must not move.
        const shuffled = [...paths, ...Object.keys(baseCorpus())].map((p, i) => ({ p, k: Math.imul(seed ^ (i * 2654435761), 2246822519) >>> 0 })).sort((a, b) => a.k - b.k).map((x) => x.p);
        expect(await lintFiles(files, shuffled)).toEqual(first);
      }),
      { numRuns: RUNS, seed: 20261129, endOnFailure: true },
    );
    expect(documents).toBeGreaterThanOrEqual(10_000);
  });

  it('the same file always gets the same findings, and invalid bytes are placed where they are', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 300 }).map((s) => s.replaceAll('\u0000', '')), badBytes, fc.nat(300), async (prefix, seq, at) => {
        const text = new TextEncoder().encode(`---\nid: AL3\n---\n${prefix}`);
        const cut = Math.min(at, text.length);
        // Cut on a character boundary so the only invalid bytes are the inserted ones.
        let boundary = cut;
        while (boundary > 0 && (text[boundary] & 0xc0) === 0x80) boundary--;
        const bytes = new Uint8Array([...text.subarray(0, boundary), ...seq, ...text.subarray(boundary)]);
        const files = new Map([['content/gotchas/alpha/al3-bytes.md', bytes]]);
        const a = await lintFiles(files, [...files.keys()]);
        expect(await lintFiles(files, [...files.keys()])).toEqual(a);
        const read = a.filter((f) => f.file === 'content/gotchas/alpha/al3-bytes.md' && f.ruleId === 'readable-file');
        expect(read).toHaveLength(1);
        const head = new TextDecoder().decode(text.subarray(0, boundary));
        const lines = head.split('\n');
        expect([read[0].line, read[0].column]).toEqual([lines.length, lines.at(-1)!.length + 1]);
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});
