/**
 * The Content-Security-Policy of the built site (issue 22, issue 33). Astro writes the policy into each page
 * with the hashes of the scripts it bundles, but as the last thing in <head> and without the `is:inline`
 * scripts Starlight writes into every page (theme picker, search shortcut, sidebar scroll restore), which the
 * policy would then block. After the build this step, for every page:
 *
 * - allows an inline script only when its text is one the build's own components write: the `is:inline`
 *   scripts in the source of Starlight's components and ours, read from those files, never from the page. A
 *   page holding any other inline script fails the build with its position, since no text of ours emits one;
 * - moves the policy to the front of <head> (after `<meta charset>`, which browsers look for in the first
 *   1024 bytes), so nothing in the head is parsed before the policy applies;
 * - and writes the union of the pages' policies as a header rule to `_headers`, for static hosts that read
 *   that file and for `npm start`'s server (tools/serve-site.ts); a header also carries `frame-ancestors`,
 *   which a <meta> policy cannot.
 *
 * Inline event handlers stay blocked: a hash never allows them.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { AstroIntegration } from 'astro';
import { parse, type DefaultTreeAdapterTypes } from 'parse5';

/** Where the components that write inline scripts live: Starlight's (resolved as installed) and the site's. */
export function componentDirs(): string[] {
  const starlight = dirname(fileURLToPath(import.meta.resolve('@astrojs/starlight')));
  return [starlight, fileURLToPath(new URL('../', import.meta.url))];
}

const IS_INLINE = /<script\b[^>]*\bis:inline\b[^>]*>([\s\S]*?)<\/script>/g;

/** The text of every `<script is:inline>` in the `.astro` files under `dirs`: what the build writes verbatim. */
export function componentInlineScripts(dirs: string[]): Set<string> {
  const bodies = new Set<string>();
  for (const dir of dirs) {
    for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
      if (!file.endsWith('.astro')) continue;
      for (const m of readFileSync(join(dir, file), 'utf8').matchAll(IS_INLINE)) bodies.add(m[1]);
    }
  }
  return bodies;
}

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** `type` values a browser runs as script (HTML's "JavaScript MIME type essence match", plus `module`). */
const RUNS = /^(|module|(text|application)\/(x-)?(java|ecma)script|text\/(javascript1\.[0-5]|jscript|livescript))$/i;

type Element = DefaultTreeAdapterTypes.Element;
type Parent = DefaultTreeAdapterTypes.ParentNode;

/** Every element, a template's content included, in document order. */
function elements(root: Parent): Element[] {
  const out: Element[] = [];
  const visit = (node: Parent) => {
    for (const child of node.childNodes) {
      if ('tagName' in child) {
        out.push(child);
        visit(child.tagName === 'template' ? (child as DefaultTreeAdapterTypes.Template).content : child);
      }
    }
  };
  visit(root);
  return out;
}

const attr = (el: Element, name: string) => el.attrs.find((a) => a.name === name)?.value;

export interface PagePolicy { html: string; policy: string }

export class InlineScriptError extends Error {}

/**
 * One page with its policy first in <head> and the hashes of the inline scripts the build wrote. Throws an
 * InlineScriptError naming the line and column of any other inline script, and of a page with no policy.
 *
 * The page is read by parse5 as a browser reads it (the tree a browser builds decides which elements are
 * scripts and what text they run), straight into parse5's own nodes: converting them to hast, as
 * hast-util-from-html does, added a third to the pass and nothing it needs.
 */
export function withInlineScriptHashes(html: string, allowed: Set<string>, page = 'page'): PagePolicy {
  const all = elements(parse(html, { sourceCodeLocationInfo: true }));
  const head = all.find((el) => el.tagName === 'head');
  const metas = all.filter((el) => el.tagName === 'meta' && attr(el, 'http-equiv')?.toLowerCase() === 'content-security-policy');
  if (!head || metas.length !== 1) throw new InlineScriptError(`${page}: expected one Content-Security-Policy <meta> in <head>, found ${metas.length}`);
  const [meta] = metas;
  const policy = attr(meta, 'content') ?? '';
  const directives = policy.split(';').map((d) => d.trim()).filter(Boolean);
  const scriptAt = directives.findIndex((d) => /^script-src\s/i.test(d));
  if (scriptAt === -1) throw new InlineScriptError(`${page}: the Content-Security-Policy has no script-src`);
  const sources = new Set(directives[scriptAt].split(/\s+/).slice(1));
  const added = new Set<string>();
  for (const el of all) {
    if (el.tagName !== 'script' || attr(el, 'src') !== undefined || !RUNS.test(attr(el, 'type')?.trim() ?? '')) continue;
    const text = el.childNodes.map((c) => (c.nodeName === '#text' ? (c as DefaultTreeAdapterTypes.TextNode).value : '')).join('');
    const hash = sha256(text);
    if (sources.has(hash)) continue; // bundled by Astro, which hashed it itself
    if (!allowed.has(text)) {
      const at = el.sourceCodeLocation;
      throw new InlineScriptError(`${page}:${at?.startLine}:${at?.startCol}: an inline script no component of the build writes: ${JSON.stringify(text.slice(0, 80))}`);
    }
    added.add(hash);
  }
  directives[scriptAt] = [...directives[scriptAt].split(/\s+/), ...added].join(' ');
  const next = directives.join('; ');
  const tag = `<meta http-equiv="content-security-policy" content="${next.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}">`;
  // After <meta charset> when that opens the head (as Starlight's does), else right after the <head> tag.
  const first = head.childNodes.find((c): c is Element => 'tagName' in c);
  const charset = first?.tagName === 'meta' && attr(first, 'charset') !== undefined ? first : undefined;
  const at = charset?.sourceCodeLocation?.endOffset ?? headStartTagEnd(head);
  const from = meta.sourceCodeLocation?.startOffset;
  const to = meta.sourceCodeLocation?.endOffset;
  if (from === undefined || to === undefined) throw new InlineScriptError(`${page}: the policy <meta> has no source position`);
  const without = html.slice(0, from) + html.slice(to);
  const shift = from < at ? to - from : 0;
  return { html: without.slice(0, at - shift) + tag + without.slice(at - shift), policy: next };
}

function headStartTagEnd(head: Element): number {
  const end = head.sourceCodeLocation?.startTag?.endOffset;
  if (end === undefined) throw new InlineScriptError('<head> has no source position');
  return end;
}

/** One policy for every page: each directive as on the pages, with the union of their script sources. */
export function sitePolicy(policies: string[]): string {
  const merged = new Map<string, Set<string>>();
  for (const policy of policies) {
    for (const directive of policy.split(';').map((d) => d.trim()).filter(Boolean)) {
      const [name, ...values] = directive.split(/\s+/);
      const set = merged.get(name.toLowerCase()) ?? new Set<string>();
      for (const v of values) set.add(v);
      merged.set(name.toLowerCase(), set);
    }
  }
  merged.set('frame-ancestors', new Set(["'none'"]));
  return [...merged].map(([name, values]) => [name, ...values].join(' ')).join('; ');
}

/** `_headers` (the file Netlify and Cloudflare Pages read, and tools/serve-site.ts): the policy on every path. */
export const headersFile = (policy: string) => `/*\n  Content-Security-Policy: ${policy}\n  X-Content-Type-Options: nosniff\n`;

/**
 * Every page's policy, in `paths` order, from one worker per core: parsing is the pass's whole cost (about
 * 4 ms a page), it runs after everything else in the build, and a second core otherwise sits idle then.
 */
async function rewritePages(paths: string[], allowed: Set<string>): Promise<string[]> {
  const workers = Math.max(1, Math.min(availableParallelism(), Math.ceil(paths.length / 50)));
  const shares = Array.from({ length: workers }, (_, w) => paths.filter((_, i) => i % workers === w));
  const answers = await Promise.all(
    shares.map(
      (share) =>
        new Promise<{ policies?: string[]; error?: string }>((resolve, reject) => {
          const worker = new Worker(new URL('./csp-worker.ts', import.meta.url), { workerData: { paths: share, allowed: [...allowed] } });
          worker.once('message', resolve);
          worker.once('error', reject);
        }),
    ),
  );
  const failed = answers.find((a) => a.error !== undefined);
  if (failed) throw new InlineScriptError(failed.error);
  return paths.map((_, i) => answers[i % workers].policies![Math.floor(i / workers)]);
}

export function cspInlineScripts(): AstroIntegration {
  return {
    name: 'guide-csp-inline-scripts',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const started = performance.now();
        const root = fileURLToPath(dir);
        const paths = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html')).sort().map((f) => join(root, f));
        const policies = await rewritePages(paths, componentInlineScripts(componentDirs()));
        writeFileSync(join(root, '_headers'), headersFile(sitePolicy(policies)));
        logger.info(`Content-Security-Policy first in <head> of ${policies.length} pages; _headers written (${((performance.now() - started) / 1000).toFixed(2)} s)`);
      },
    },
  };
}
