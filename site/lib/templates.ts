/**
 * Script templates as the site sees them: exact source text (imported raw, so the download is byte-for-byte the
 * file in scripts/), its metadata block parsed with the linter's reader and schema, and its SHA-256.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { isInside } from './links-out.ts';
import { readTemplateMeta } from '../../lint/src/engine/template-meta.ts';
import { TemplateMetaSchema, type TemplateMeta } from '../../lint/src/schema/index.ts';
import { templateSlug } from '../../lint/src/markdown/links.ts';

const sources = import.meta.glob<string>(['/scripts/*.sh', '/scripts/*.sh.template'], { query: '?raw', import: 'default', eager: true });

export interface Template {
  file: string;
  slug: string;
  source: string;
  sha256: string;
  bytes: number;
  meta: TemplateMeta;
}

/**
 * Every template, sorted by file name. Read once per module instance: the sources are fixed when the module
 * loads (a changed script reloads it in the dev server), and a build asks about a dozen times (each template
 * page, each profile page, llms.txt), each a YAML parse and schema check of nine scripts.
 */
export function allTemplates(): Template[] {
  loaded ??= readTemplates();
  return [...loaded];
}

let loaded: Template[] | undefined;

function readTemplates(): Template[] {
  // Vite's glob follows symbolic links; a script that is a link out of the repository is not published.
  const root = process.env.KB_REPO_ROOT ?? process.cwd();
  return Object.entries(sources)
    .filter(([path]) => isInside(join(root, path), root))
    .map(([path, source]) => {
      const file = path.split('/').at(-1)!;
      const parsed = TemplateMetaSchema().safeParse(readTemplateMeta(source).data);
      // The linter reports a bad block with positions; the site still lists the script with what it can show.
      const meta: TemplateMeta = parsed.success ? parsed.data : { title: file, purpose: 'Metadata block missing or invalid: run `npm run lint`.', usage: file, env: {}, needs: [], gotchas: [], principles: [], promises: [], refuses: [] };
      const bytes = Buffer.from(source, 'utf8');
      return { file, slug: templateSlug(file), source, sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length, meta };
    })
    .sort((a, b) => a.file.localeCompare(b.file));
}

/**
 * The one line to paste on the box: download the template (and what it needs beside it) from the published
 * site and check each file against the SHA-256 the page shows. `origin` is the site's address with its base
 * path; sha256sum -c fails loudly on any mismatch, so a cut-off or altered download never runs.
 */
export function fetchCommand(files: readonly Pick<Template, 'file' | 'sha256'>[], origin: string): string {
  const base = origin.replace(/\/+$/, '');
  const urls = files.map((f) => `-O ${base}/downloads/${f.file}`).join(' ');
  const sums = files.map((f) => `${f.sha256}  ${f.file}`);
  return `curl -fsSL ${urls} && printf '%s\\n' ${sums.map((s) => `'${s}'`).join(' ')} | sha256sum -c -`;
}
