/**
 * Build and serve helpers for the site tests: run `astro build` on a content tree and serve dist/ on a free
 * loopback port with `astro preview`. Everything runs on the Node that npm put first on PATH (Node 24).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ASTRO = `${ROOT}node_modules/astro/bin/astro.mjs`;

/**
 * The environment for child builds and servers, without what vitest injects (`NODE_ENV=test`, `DEV`, `PROD`,
 * `MODE`, `BASE_URL`, `VITEST*`): Vite reads those as its own and the build would come out as a dev build
 * without search.
 */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (/^(NODE_ENV|DEV|PROD|MODE|SSR|BASE_URL|TEST|VITEST.*)$/.test(key)) delete env[key];
  return { ...env, ASTRO_TELEMETRY_DISABLED: '1', ...extra };
}

export interface BuildResult { code: number; output: string }

export interface BuildOptions { contentDir?: string; outDir?: string; env?: Record<string, string> }

/** The Node arguments and environment of `astro build` for a content tree and output folder (run from ROOT). */
export function buildCommand(options: BuildOptions = {}): { args: string[]; env: NodeJS.ProcessEnv } {
  const args = [ASTRO, 'build'];
  if (options.outDir) args.push('--outDir', options.outDir);
  const env = childEnv({
    ...(options.contentDir ? { KB_CONTENT_DIR: options.contentDir, KB_CACHE_DIR: `${options.outDir ?? options.contentDir}.cache` } : {}),
    ...options.env,
  });
  return { args, env };
}

/**
 * `astro build` with an optional content tree and output folder; never throws, returns the log as plain text
 * (CI sets FORCE_COLOR, and Astro then paints the backticked words of an error message bold).
 */
export function buildSite(options: BuildOptions = {}): Promise<BuildResult> {
  return new Promise((resolve) => {
    const { args, env } = buildCommand(options);
    const child = spawn(process.execPath, args, { cwd: ROOT, env });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', (code) => resolve({ code: code ?? 1, output: stripVTControlCharacters(output) }));
  });
}

/** `dist` when one is given, otherwise the real site built now into `.cache/<name>`; a failed build throws with the end of its log. */
export async function siteDist(dist: string | undefined, name: string): Promise<string> {
  if (dist) return dist;
  const out = `${ROOT}.cache/${name}`;
  // A repository address, so the pages carry their "Edit" and "Report a problem" links as a deployed site does.
  const { code, output } = await buildSite({ outDir: out, env: { REPOSITORY_URL: 'https://github.com/example/remote-gpu-field-guide' } });
  if (code !== 0) throw new Error(`site build failed:\n${output.slice(-3000)}`);
  return out;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export interface Preview { url: string; stop(): Promise<void> }

/** Serve a built folder with `npm start`'s server (tools/serve-site.ts) on 127.0.0.1 and wait until it answers (`env` as for its build: `BASE_PATH`). */
export async function preview(outDir = 'dist', env: Record<string, string> = {}): Promise<Preview> {
  const port = await freePort();
  // The server `npm start` runs (tools/serve-site.ts), so every browser test goes through what a reader gets.
  const child: ChildProcess = spawn(process.execPath, [`${ROOT}tools/serve-site.ts`, '--host', '127.0.0.1', '--port', String(port), '--dir', outDir], {
    cwd: ROOT,
    env: childEnv(env),
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const res = await fetch(`${url}${env.BASE_PATH ?? '/'}`);
      if (res.ok) break;
    } catch {
      // not up yet
    }
    if (child.exitCode !== null) throw new Error(`the site server exited with ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error('the site server did not answer within 30 s');
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.on('close', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
