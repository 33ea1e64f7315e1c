/**
 * Astro's CSP hashes the scripts it bundles, not the `is:inline` ones Starlight writes into every page (theme
 * picker, search shortcut, sidebar scroll restore), which the policy then blocks. After the build this adds
 * the hash of each inline script that sits outside `<main>` to that page's `script-src`. Content renders
 * inside `<main>`, so nothing from a Markdown file (which the sanitiser has already stripped of scripts) can
 * earn a hash; inline event handlers stay blocked, since a hash never allows them.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

const INLINE_SCRIPT = /<script\b(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g;
const POLICY = /(<meta http-equiv="content-security-policy" content="[^"]*script-src 'self')/;

export function withInlineScriptHashes(html: string): string {
  const mainStart = html.indexOf('<main');
  const mainEnd = html.lastIndexOf('</main>');
  const hashes = new Set<string>();
  for (const m of html.matchAll(INLINE_SCRIPT)) {
    if (mainStart !== -1 && m.index > mainStart && m.index < mainEnd) continue;
    hashes.add(`'sha256-${createHash('sha256').update(m[1]).digest('base64')}'`);
  }
  return hashes.size ? html.replace(POLICY, `$1 ${[...hashes].join(' ')}`) : html;
}

export function cspInlineScripts(): AstroIntegration {
  return {
    name: 'guide-csp-inline-scripts',
    hooks: {
      'astro:build:done': ({ dir }) => {
        const root = fileURLToPath(dir);
        for (const file of readdirSync(root, { recursive: true, encoding: 'utf8' })) {
          if (!file.endsWith('.html')) continue;
          const html = readFileSync(join(root, file), 'utf8');
          const next = withInlineScriptHashes(html);
          if (next !== html) writeFileSync(join(root, file), next);
        }
      },
    },
  };
}
