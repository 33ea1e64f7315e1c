/**
 * A synthetic corpus for benchmarks and equivalence tests: catalogs with id prefixes, gotchas that link to
 * each other, to profile sections and to principles, profiles with all eight sections, a principles page and
 * one script template. The same seed always writes the same bytes, so two runs measure the same work.
 *
 * Usage: node bench/generate.ts <out-dir> [--gotchas N] [--profiles N] [--catalogs N] [--paragraphs N] [--seed S]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { PROFILE_SECTIONS } from '../lint/src/schema/profile.ts';

export interface GenerateOptions {
  gotchas: number;
  profiles?: number;
  catalogs?: number;
  /** Prose paragraphs per gotcha section; 1 gives the "small gotcha" shape, 3 is close to the real corpus. */
  paragraphs?: number;
  seed?: number;
  /** Month written into every `verified` field and inline stamp. */
  month?: string;
}

export interface GeneratedCorpus {
  /** Root-relative path → text. */
  files: Map<string, string>;
  bytes: number;
  gotchaIds: string[];
}

/** mulberry32: tiny, fast and good enough to pick words; the point is determinism, not quality. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  'checkpoint shard rank volume mount tmux session watchdog restart quota inode mirror proxy token cache ' +
  'dataloader worker prefetch pinned memory allocator fragment gradient scaler overflow epoch resume ' +
  'optimizer state barrier timeout collective socket interface throughput bandwidth rsync tarball archive ' +
  'metric logger heartbeat signal preemption notice billing meter snapshot image driver kernel container ' +
  'scheduler allocation node partition queue retry backoff lock manifest digest credential keyring tunnel'
).split(' ');

const TAGS = ['disk', 'ssh', 'network', 'memory', 'billing', 'checkpoint', 'process', 'dataloader', 'nccl', 'cuda', 'storage', 'env'];
const COSTS = ['money', 'data', 'time'] as const;
const SECTIONS = PROFILE_SECTIONS;
const PRINCIPLES = 10;

/** Upper-case letters for an index: 0 → A, 25 → Z, 26 → AA … (catalog prefixes must be letters only). */
function letters(n: number): string {
  let out = '';
  let k = n;
  do {
    out = String.fromCharCode(65 + (k % 26)) + out;
    k = Math.floor(k / 26) - 1;
  } while (k >= 0);
  return out;
}

export function generateCorpus(options: GenerateOptions): GeneratedCorpus {
  const rand = prng(options.seed ?? 1);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)];
  // This month by default, so a generated corpus never ages into staleness findings.
  const month = options.month ?? new Date().toISOString().slice(0, 7);
  const paragraphs = Math.max(1, options.paragraphs ?? 3);
  const profileCount = Math.max(1, options.profiles ?? 8);
  const catalogCount = Math.max(1, options.catalogs ?? Math.max(1, Math.ceil(options.gotchas / 20)));
  const files = new Map<string, string>();

  const sentence = (min = 8, max = 18) => {
    const n = min + Math.floor(rand() * (max - min));
    const words = Array.from({ length: n }, () => pick(WORDS));
    return `${words[0][0].toUpperCase()}${words[0].slice(1)} ${words.slice(1).join(' ')}.`;
  };
  const paragraph = (sentences = 3) => Array.from({ length: sentences }, () => sentence()).join(' ');
  // Every stamp rests on a quoted source checked that month, as the quoted-source rule asks of real pages:
  // a generated corpus lints clean, so the bench measures linting, not reporting thousands of findings.
  const source = (title: string, url: string) => `  - title: "${title}"\n    url: ${url}\n    quote: "${sentence(6, 10)}"\n    checked: ${month}\n`;

  const profiles = Array.from({ length: profileCount }, (_, i) => `platform-${i + 1}`);
  const catalogs = Array.from({ length: catalogCount }, (_, i) => ({ slug: `family-${i + 1}`, prefix: `G${letters(i)}` }));
  // Ids are assigned round-robin so every catalog gets a share and numbers stay within three digits.
  const gotchas = Array.from({ length: options.gotchas }, (_, i) => {
    const catalog = catalogs[i % catalogCount];
    const n = Math.floor(i / catalogCount) + 1;
    return { id: `${catalog.prefix}${n}`, catalog, file: `content/gotchas/${catalog.slug}/${catalog.prefix.toLowerCase()}${n}-${pick(WORDS)}-${pick(WORDS)}.md` };
  });
  if (gotchas.some((g) => /\d{4,}$/.test(g.id))) throw new Error('Too many gotchas per catalog for three-digit ids; raise --catalogs');
  const ids = gotchas.map((g) => g.id);
  const link = () => {
    const roll = rand();
    if (roll < 0.5 && ids.length) {
      const id = pick(ids);
      return `[${id}](gotcha:${id})`;
    }
    if (roll < 0.8) {
      const section = pick(SECTIONS);
      return `the [${section.toLowerCase()} notes](profile:${pick(profiles)}#${section.toLowerCase().replace(/ /g, '-')})`;
    }
    const n = 1 + Math.floor(rand() * PRINCIPLES);
    return `[principle #${n}](principle:${n})`;
  };
  const linkedParagraph = () => `${paragraph(2)} See ${link()} and ${link()}. ${sentence()}`;

  files.set(
    'content/references/principles.md',
    `---\ntitle: "Operating principles"\ndescription: "The rules every generated gotcha points back to."\norder: 10\nverified: ${month}\nsources:\n${source('Generated principles source', 'https://example.org/principles')}---\n\n${paragraph()}\n\n${Array.from({ length: PRINCIPLES }, (_, i) => `## ${i + 1}. ${sentence(3, 6).slice(0, -1)} {#principle-${i + 1}}\n\n${paragraph(4)}\n\n${paragraph(3)}\n`).join('\n')}`,
  );

  for (const [i, catalog] of catalogs.entries()) {
    const members = gotchas.filter((_, k) => k % catalogCount === i);
    files.set(
      `content/catalogs/${catalog.slug}.md`,
      `---\ntitle: "Family ${i + 1}"\ndescription: "Generated failure family number ${i + 1} for the benchmarks."\nprefixes: [${catalog.prefix}]\nsection: ${pick(['operations', 'platforms', 'training'])}\norder: ${i + 1}\nretired: []\n---\n\n${paragraph()}\n\n## Entries\n\n${members.map((g) => `- [${g.id}](gotcha:${g.id}) — ${sentence(4, 9)}`).join('\n')}\n`,
    );
  }

  for (const [i, slug] of profiles.entries()) {
    const body = SECTIONS.map((s) => `## ${s}\n\n${paragraph(4)}\n\n- ${sentence()}\n- ${sentence()} (verified ${month})\n\n${linkedParagraph()}\n`).join('\n');
    files.set(
      `content/profiles/${slug}.md`,
      `---\ntitle: "Platform ${i + 1}"\ndescription: "A generated rental platform profile for the benchmarks."\nkind: ssh-rental\nmeter: { stopVerb: destroy, irreversible: true, stopStillBills: nothing }\ndetach: { primitive: tmux, survivesRestart: false }\nspot: { available: false, grace: n/a, signal: none }\nstorage:\n  - { tier: Data disk, path: /data, survivesStop: true, survivesDestroy: false, durable: true }\nsharedFs: null\ninodeCap: none\nfreeEgress: true\nchinaMirror: false\ndriver: { stack: "host driver fixed per machine; CUDA from the image", check: "nvidia-smi on the box" }\ndangerClocks:\n  - { what: "Stopped instance is released", after: 15d, trigger: "instance stopped", verified: ${month} }\noverrides: { DATA_DIR: /data, DURABLE_DIR: /data, PROXY_HOOK: "", CRED_FILE: "", SCRATCH: "", HF_HOME: /data/hf, DETACH: tmux }\nsources:\n${source(`Platform ${i + 1} docs`, `https://example.org/platform-${i + 1}`)}verified: ${month}\norder: ${i + 1}\n---\n\n${paragraph()}\n\n${body}`,
    );
  }

  for (const [i, g] of gotchas.entries()) {
    const related = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => pick(ids)).filter((id, k, all) => id !== g.id && all.indexOf(id) === k);
    const section = (name: string) => {
      const parts = Array.from({ length: paragraphs }, (_, k) => (k === 0 ? linkedParagraph() : paragraph()));
      if (name === 'Fix') parts.push(`\`\`\`bash\n# keep the ${pick(WORDS)} on the durable disk\nrsync -a --partial /data/${pick(WORDS)}/ /durable/${pick(WORDS)}/\n\`\`\``);
      return `## ${name}\n\n${parts.join('\n\n')}\n`;
    };
    files.set(
      g.file,
      `---\nid: ${g.id}\ntitle: "The ${pick(WORDS)} ${pick(WORDS)} fails with ${pick(WORDS)} error ${i + 1}"\ncatalog: ${g.catalog.slug}\nplatforms: [${rand() < 0.5 ? 'all' : pick(profiles)}]\ntags: [${pick(TAGS)}, ${pick(TAGS)}]\ncost: [${pick(COSTS)}]\nkeywords: ["${pick(WORDS)} ${pick(WORDS)}", "${pick(WORDS)} error"]\nsources:\n${source(`Generated source ${i + 1}`, `https://example.org/sources/${g.id.toLowerCase()}`)}verified: ${month}\nrelated: [${related.join(', ')}]\nprinciples: [${1 + Math.floor(rand() * PRINCIPLES)}]\n---\n\n${section('Symptom')}\n${section('Root cause')}\n${section('Fix')}`,
    );
  }

  files.set(
    'scripts/bench_probe.sh.template',
    `#!/usr/bin/env bash\n# ---\n# title: Benchmark probe\n# purpose: Prints where the generated corpus keeps its data.\n# usage: bench_probe.sh\n# env:\n#   DATA_DIR:\n#     default: /data\n#     description: Where data lives.\n# gotchas: [${ids[0] ?? ''}]\n# principles: [1]\n# ---\nset -Eeuo pipefail\necho "\${DATA_DIR:-/data}"\n`,
  );

  let bytes = 0;
  for (const text of files.values()) bytes += Buffer.byteLength(text);
  return { files, bytes, gotchaIds: ids };
}

/** Write a generated corpus under `dir` (which becomes a project root). */
export function writeCorpus(dir: string, corpus: GeneratedCorpus): void {
  for (const [path, text] of corpus.files) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

if (import.meta.main) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { gotchas: { type: 'string', default: '500' }, profiles: { type: 'string' }, catalogs: { type: 'string' }, paragraphs: { type: 'string' }, seed: { type: 'string', default: '1' } },
  });
  const out = positionals[0];
  if (!out) {
    process.stderr.write('Usage: node bench/generate.ts <out-dir> [--gotchas N] [--profiles N] [--catalogs N] [--paragraphs N] [--seed S]\n');
    process.exit(2);
  }
  const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
  const corpus = generateCorpus({ gotchas: Number(values.gotchas), profiles: num(values.profiles), catalogs: num(values.catalogs), paragraphs: num(values.paragraphs), seed: Number(values.seed) });
  writeCorpus(out, corpus);
  process.stdout.write(`${corpus.files.size} files, ${(corpus.bytes / 1048576).toFixed(1)} MiB in ${out}\n`);
}
