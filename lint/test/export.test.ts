/**
 * The Agent Skills bundle, exported from the real corpus through the CLI entry point: two exports are the
 * same bytes, every link inside resolves to a file and a heading slug (computed as anchors.ts computes them),
 * every published gotcha has its entry, SKILL.md's frontmatter meets the Agent Skills rules, and scripts are
 * copied exactly. Then the ways an export must refuse: broken content, a foreign --out folder, bad usage.
 */
import { cp, mkdtemp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, posix, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli.ts';
import { DESCRIPTION_MAX, NAME_MAX, NAME_PATTERN, SKILL_NAME } from '../src/export/skill.ts';
import { headingAnchors } from '../src/markdown/anchors.ts';
import { parseInternalLink } from '../src/markdown/links.ts';
import { parseMarkdown } from '../src/markdown/parse.ts';
import type { Root } from 'mdast';
import { corpusFiles } from '../src/files.ts';
import { parseFiles } from '../src/engine/run.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MINI = join(ROOT, 'site/test/fixtures/mini');

let tmp: string;
let first: string;
let second: string;

function io(cwd = ROOT) {
  const out = { stdout: '', stderr: '' };
  return { out, io: { argv: [], cwd, stdout: (t: string) => void (out.stdout += t), stderr: (t: string) => void (out.stderr += t) } };
}

async function run(argv: string[], cwd = ROOT) {
  const { out, io: handle } = io(cwd);
  const code = await main({ ...handle, argv: ['export', ...argv] });
  return { code, ...out };
}

/** Every file under a folder, as sorted `/`-separated relative paths. */
async function tree(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split('\\').join('/'))
    .sort();
}

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'kb-export-'));
  first = join(tmp, 'a', SKILL_NAME);
  second = join(tmp, 'b', SKILL_NAME);
  for (const out of [first, second]) {
    const result = await run(['skill', '--out', out]);
    expect(result.code, result.stderr).toBe(0);
  }
}, 300_000);

afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('kb-lint export skill on the real corpus', { timeout: 300_000 }, () => {
  it('writes the same bytes twice', async () => {
    const files = await tree(first);
    expect(files).toEqual(await tree(second));
    expect(files).toContain('SKILL.md');
    for (const f of files) expect((await readFile(join(second, f))).equals(await readFile(join(first, f))), f).toBe(true);
  });

  it('has a folder for each kind of page and one file per catalog, profile and reference', async () => {
    const files = await tree(first);
    const corpus = await corpusFiles(ROOT);
    const expected = [
      ...corpus.filter((p) => /^content\/catalogs\/[^_/][^/]*\.md$/.test(p)).map((p) => `references/catalogs/${basename(p)}`),
      ...corpus.filter((p) => /^content\/profiles\/[^_/][^/]*\.md$/.test(p)).map((p) => `profiles/${basename(p)}`),
      ...corpus.filter((p) => /^content\/references\/.+\.md$/.test(p) && !basename(p).startsWith('_')).map((p) => `references/${p.slice('content/references/'.length)}`),
      ...corpus.filter((p) => p.startsWith('scripts/')),
      'SKILL.md',
    ].sort();
    expect(files).toEqual(expected);
  });

  it('resolves every link inside the bundle to a file and, with a fragment, to a heading slug there', async () => {
    const files = await tree(first);
    // Each file parsed once, for its links and for the headings other files link to (it was parsed twice,
    // and this test took 75 s of its 120 s limit at load 14-18).
    const parsed = new Map<string, Root>();
    for (const file of files.filter((f) => f.endsWith('.md'))) parsed.set(file, parseMarkdown(await readFile(join(first, file), 'utf8')));
    const anchors = new Map<string, Set<string>>();
    const anchorsOf = (path: string) => {
      if (!anchors.has(path)) anchors.set(path, new Set(headingAnchors(parsed.get(path)!).map((a) => a.id)));
      return anchors.get(path)!;
    };
    let checked = 0;
    const broken: string[] = [];
    for (const [file, mdast] of parsed) {
      const urls: string[] = [];
      const visit = (node: { type: string; url?: string; children?: unknown[] }) => {
        if ((node.type === 'link' || node.type === 'definition') && node.url) urls.push(node.url);
        for (const child of (node.children ?? []) as (typeof node)[]) visit(child);
      };
      visit(mdast);
      for (const url of urls) {
        if (/^(https?|mailto):/.test(url)) continue;
        expect(parseInternalLink(url), `${file}: scheme link left in the bundle: ${url}`).toBeUndefined();
        checked++;
        const [path, fragment] = url.split('#', 2);
        const target = path ? posix.normalize(posix.join(posix.dirname(file), decodeURI(path))) : file;
        if (!files.includes(target)) {
          broken.push(`${file}: ${url} (no file ${target})`);
          continue;
        }
        if (fragment !== undefined && !(target.endsWith('.md') && anchorsOf(target).has(decodeURIComponent(fragment)))) broken.push(`${file}: ${url} (no heading #${fragment} in ${target})`);
      }
    }
    expect(broken).toEqual([]);
    // The corpus links heavily between pages; a bundle with few relative links lost them.
    expect(checked).toBeGreaterThan(1000);
  });

  it('contains every published gotcha as an entry heading in its catalog file', async () => {
    const files = await parseFiles(ROOT, (await corpusFiles(ROOT)).filter((p) => p.startsWith('content/gotchas/')));
    const published = files.filter((f) => f.frontmatter.data.draft !== true);
    expect(published.length).toBeGreaterThan(100);
    const headings = new Map<string, string[]>();
    for (const f of published) {
      const { id, catalog } = f.frontmatter.data as { id: string; catalog: string };
      if (!headings.has(catalog)) {
        const text = await readFile(join(first, 'references/catalogs', `${catalog}.md`), 'utf8');
        headings.set(catalog, headingAnchors(parseMarkdown(text)).filter((a) => a.depth === 3).map((a) => a.text));
      }
      expect(headings.get(catalog)!.filter((t) => t.startsWith(`${id} — `)), id).toHaveLength(1);
    }
  });

  it('gives SKILL.md the frontmatter an Agent Skills loader requires', async () => {
    const text = await readFile(join(first, 'SKILL.md'), 'utf8');
    const m = /^---\n([\s\S]*?)\n---\n/.exec(text);
    expect(m, 'SKILL.md starts with a YAML frontmatter block').not.toBeNull();
    const data = parseYaml(m![1]) as Record<string, unknown>;
    expect(Object.keys(data).sort()).toEqual(['description', 'name']);
    expect(data.name).toBe(basename(first));
    expect(data.name).toMatch(NAME_PATTERN);
    expect((data.name as string).length).toBeLessThanOrEqual(NAME_MAX);
    const description = data.description as string;
    expect(description.length).toBeGreaterThan(50);
    expect(description.length).toBeLessThanOrEqual(DESCRIPTION_MAX);
    expect(description).not.toMatch(/[<>]/);
    // What it does and when to use it, as the format asks.
    expect(description).toMatch(/Use it when/);
  });

  it('sends the agent through the lifecycle to verify and deliver, with the manifest templates, in the hub’s steps', async () => {
    const text = await readFile(join(first, 'SKILL.md'), 'utf8');
    const steps = /## How to use this skill\n\n([\s\S]*?)\n\n## /.exec(text)?.[1] ?? '';
    for (const target of ['references/lifecycle-checklist.md', 'references/verify.md', 'references/deliver.md', 'scripts/make_manifest.sh', 'scripts/verify_manifest.sh', 'references/deliver.md#no-silent-deletes']) {
      expect(steps, target).toContain(`](${target})`);
    }
    expect(steps).toMatch(/Never delete anything on the box unless the user said yes/);
  });

  it('names all ten operating principles in the hub, in order, each linked to its section of the principles page', async () => {
    const text = await readFile(join(first, 'SKILL.md'), 'utf8');
    const section = /## Operating principles\n([\s\S]*?)\n## /.exec(text)?.[1] ?? '';
    const items = [...section.matchAll(/^(\d+)\. \[[^\]]+\]\(references\/principles\.md#(\d+)-[^)]+\)$/gm)];
    expect(items.map((m) => [Number(m[1]), Number(m[2])])).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => [n, n]));
    const anchors = headingAnchors(parseMarkdown(await readFile(join(first, 'references/principles.md'), 'utf8'))).map((a) => a.id);
    for (const m of section.matchAll(/principles\.md#([^)]+)\)/g)) expect(anchors, m[1]).toContain(m[1]);
  });

  it('keeps the hub under the 5,000 tokens Agent Skills recommends for SKILL.md (about 4 characters a token)', async () => {
    const text = await readFile(join(first, 'SKILL.md'), 'utf8');
    expect(text.length / 4).toBeLessThan(5000);
  });

  it('copies every script template byte for byte', async () => {
    const scripts = (await corpusFiles(ROOT)).filter((p) => p.startsWith('scripts/'));
    expect(scripts.length).toBeGreaterThan(0);
    for (const s of scripts) expect((await readFile(join(first, s))).equals(await readFile(join(ROOT, s))), s).toBe(true);
  });

  it('turns profile frontmatter into facts tables before the body sections', async () => {
    const text = await readFile(join(first, 'profiles/runpod.md'), 'utf8');
    const ids = headingAnchors(parseMarkdown(text)).map((a) => a.text);
    expect(ids.slice(0, 5)).toEqual(['RunPod', 'Facts at a glance', 'What survives', 'Danger clocks', 'Template variables']);
    expect(ids.indexOf('Launch')).toBeGreaterThan(4);
    expect(text).toMatch(/\| Stops the meter \| `terminate` — irreversible: deletes data \|/);
    expect(text).toMatch(/\| `HF_HOME` \| \/workspace\/hf \|/);
    // What a stopped Pod still bills, tier by tier, as the site's stop page shows it; unknown stays unknown.
    expect(text).toMatch(/\| Tier \| Path \| Survives stop \| Survives destroy \| Bills while stopped \|/);
    expect(text).toMatch(/\| Volume disk \| `\/workspace` \| yes \| no \| yes \|/);
    expect(text).toMatch(/\| Container disk \| `\/` \| no \| no \| no \|/);
    expect(text).toMatch(/\| Network Volume \*\*\(checkpoint here\)\*\* \| .* \| yes \| yes \| not recorded \|/);
    expect(text).toMatch(/\| Driver and CUDA \| host driver varies per machine; .*; read it with: the CUDA-version filter/);
    // Code spans in a fact stay code, as on the site, not backticks escaped into text.
    expect(text).toContain('then the `CUDA Version` line of `nvidia-smi` inside the Pod |');
    expect(text).not.toContain('\\`');
    expect(ids.indexOf('Debugging')).toBeGreaterThan(ids.indexOf('Top gotchas'));
  });
});

describe('kb-lint export skill on small projects', { timeout: 120_000 }, () => {
  async function miniCopy(name: string) {
    const root = join(tmp, name);
    await cp(MINI, root, { recursive: true });
    return root;
  }

  it('exports a small fixture project and links its gotchas to their catalog entries', async () => {
    const root = await miniCopy('mini-ok');
    // --out is relative to where the command runs, like any path argument.
    const result = await run(['skill', '--root', root, '--out', 'out/x'], root);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/Wrote \d+ files/);
    expect(result.stderr).toMatch(/expect this folder to be named `remote-gpu-field-guide`/);
    const catalog = await readFile(join(root, 'out/x/references/catalogs/alpha.md'), 'utf8');
    expect(catalog).toContain('[AL2](#al2--fixture-symptom-number-2-zebracorn-error-appears)');
    expect(catalog).toContain('[principle 2](../principles.md#2-checkpoint-to-durable-storage)');
    // Each entry says where its facts stand: a checked one with its month and the quoted passage under the
    // source, a carried-over one as carried over, never "verified".
    expect(catalog).toContain('**Provenance:** checked 2026-01');
    // The printer escapes what Markdown would read as markup (`<`, the `@` of an autolink).
    expect(catalog).toContain('[Example source 1](https://example.com/source-1) (checked 2026-01): “The zebracorn error \\<script>alert(1)\\</script> appears when the disk is full.”');
    expect(catalog).toContain('**Provenance:** carried over from Hanyuyuan6/remote-gpu-trainer\\@2853286 (2026-07), upstream said checked 2026-02; not checked here');
    expect(catalog).not.toMatch(/Verified:/);
  });

  it('sends same-page and explicit-id links to the right heading of the merged file', async () => {
    const root = await miniCopy('mini-anchors');
    // AL2's own `#fix` must land on AL2's Fix heading, which in the merged catalog file is the second `Fix`
    // (slug `fix-1`), and `{#second}` headings lose the syntax but keep a reachable slug.
    const al2 = join(root, 'content/gotchas/alpha/al2-fixture-entry-2.md');
    await writeFile(al2, (await readFile(al2, 'utf8')).replace('## Root cause\n', '## Root cause\nSee [the fix](#fix) and [the note](#later).\n').concat('\n## Platform notes {#later}\nNothing else.\n'));
    const catalogFile = join(root, 'content/catalogs/alpha.md');
    await writeFile(catalogFile, (await readFile(catalogFile, 'utf8')).concat('\nThe [AL2 note](gotcha:AL2#later) and [AL2 fix](gotcha:AL2#fix).\n'));
    const result = await run(['skill', '--root', root, '--out', join(root, 'out', SKILL_NAME)]);
    expect(result.code, result.stderr).toBe(0);
    const text = await readFile(join(root, 'out', SKILL_NAME, 'references/catalogs/alpha.md'), 'utf8');
    const headings = headingAnchors(parseMarkdown(text));
    const fixes = headings.filter((h) => h.text === 'Fix').map((h) => h.id);
    expect(fixes).toEqual(['fix', 'fix-1', 'fix-2']);
    expect(text).toContain('[the fix](#fix-1)');
    expect(text).toContain('[AL2 fix](#fix-1)');
    expect(text).toContain('[the note](#platform-notes)');
    expect(text).toContain('[AL2 note](#platform-notes)');
    expect(text).not.toContain('{#');
  });

  it('stops with the position of a dangling link and exit 1, writing nothing', async () => {
    const root = await miniCopy('mini-broken');
    const file = join(root, 'content/gotchas/alpha/al1-fixture-entry-1.md');
    await writeFile(file, (await readFile(file, 'utf8')).replace('(principle:2)', '(gotcha:AL99)'));
    const result = await run(['skill', '--root', root, '--out', 'out/x'], root);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('content/gotchas/alpha/al1-fixture-entry-1.md');
    expect(result.stderr).toMatch(/26:\d+.*AL99/);
    await expect(readdir(join(root, 'out'))).rejects.toThrow();
  });

  it('leaves a draft gotcha out, as the site does, and refuses a link that would point at it', async () => {
    const root = await miniCopy('mini-draft');
    const al3 = join(root, 'content/gotchas/alpha/al3-fixture-entry-3.md');
    await writeFile(al3, (await readFile(al3, 'utf8')).replace(/^verified:/m, 'draft: true\nverified:'));
    const out = join(root, 'out', SKILL_NAME);
    const ok = await run(['skill', '--root', root, '--out', out]);
    expect(ok.code, ok.stderr).toBe(0);
    const catalog = await readFile(join(out, 'references/catalogs/alpha.md'), 'utf8');
    expect(catalog).toMatch(/^### AL2 — /m);
    expect(catalog).not.toMatch(/^### AL3 — /m);

    const al1 = join(root, 'content/gotchas/alpha/al1-fixture-entry-1.md');
    await writeFile(al1, (await readFile(al1, 'utf8')).replace('(principle:2)', '(gotcha:AL3)'));
    const refused = await run(['skill', '--root', root, '--out', out]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/al1-fixture-entry-1\.md[\s\S]*26:\d+.*AL3.*draft/);
  });

  it('stops on a frontmatter value the content model refuses', async () => {
    const root = await miniCopy('mini-schema');
    const file = join(root, 'content/gotchas/alpha/al2-fixture-entry-2.md');
    await writeFile(file, (await readFile(file, 'utf8')).replace('cost: [time]', 'cost: [sanity]'));
    const result = await run(['skill', '--root', root, '--out', 'out/x'], root);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/al2-fixture-entry-2\.md[\s\S]*7:\d+.*`sanity`/);
  });

  it('replaces an earlier export but not a folder of something else', async () => {
    const root = await miniCopy('mini-out');
    const out = join(root, 'out', SKILL_NAME);
    expect((await run(['skill', '--root', root, '--out', out])).code).toBe(0);
    await writeFile(join(out, 'stale-file.md'), 'left from an older export\n');
    expect((await run(['skill', '--root', root, '--out', out])).code).toBe(0);
    expect(await tree(out)).not.toContain('stale-file.md');

    const foreign = join(root, 'notes');
    await mkdir(foreign);
    await writeFile(join(foreign, 'todo.txt'), 'mine\n');
    const refused = await run(['skill', '--root', root, '--out', foreign]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/Refusing to replace .*notes/);
    expect(await readFile(join(foreign, 'todo.txt'), 'utf8')).toBe('mine\n');
    expect(await readdir(dirname(foreign))).not.toContain(expect.stringMatching(/partial/));
  });

  it('answers usage errors with exit 2 and help with exit 0', async () => {
    expect((await run(['zip'])).code).toBe(2);
    expect((await run([])).code).toBe(2);
    expect((await run(['skill', '--bogus'])).code).toBe(2);
    expect((await run(['skill', 'extra'])).stderr).toMatch(/--out/);
    expect((await run(['skill', '--root', join(tmp, 'nowhere')])).stderr).toMatch(/No such folder/);
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/export skill/);
  });
});
