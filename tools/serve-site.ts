/**
 * `npm start`'s server: the built site in dist/ over HTTP, as a static host serves it. It replaces `astro
 * preview`, which sends the script downloads (`.sh`, `.sh.template`) with an empty Content-Type and gives no
 * hook to set one (it drops user Vite plugins); serve-static (Express's static handler) does the file work.
 *
 *   node tools/serve-site.ts [--dir dist] [--port 4321] [--host 127.0.0.1]
 *
 * Honours `BASE_PATH` as the build does: the site answers under it and nowhere else. Sends the headers the
 * build wrote to `_headers` (the Content-Security-Policy; site/lib/csp-inline-scripts.ts), as Netlify and
 * Cloudflare Pages do, and never serves that file itself.
 */
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import serveStatic from 'serve-static';
import { basePrefix } from '../lint/src/site-url.ts';

/** What a download is sent as: readable text in the browser, saved as-is by the page's `download` links. */
const TEXT_TYPES: Record<string, string> = {
  '.sh': 'text/x-shellscript; charset=utf-8',
  '.template': 'text/x-shellscript; charset=utf-8',
  '.tsv': 'text/tab-separated-values; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

export interface HeaderRule { pattern: string; headers: [string, string][] }

/**
 * The rules of a `_headers` file: a path pattern on a line of its own (`*` matches any run of characters),
 * then its headers indented below it as `Name: value`; `#` starts a comment line.
 */
export function parseHeaders(text: string): HeaderRule[] {
  const rules: HeaderRule[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim() || line.trim().startsWith('#')) return;
    if (!/^\s/.test(line)) return void rules.push({ pattern: line.trim(), headers: [] });
    const m = /^\s+([!-9;-~]+):\s*(.*)$/.exec(line);
    if (!m || !rules.length) throw new Error(`_headers:${i + 1}: expected a path, or an indented \`Name: value\` under one`);
    rules.at(-1)!.headers.push([m[1], m[2].trim()]);
  });
  return rules;
}

const matches = (pattern: string, path: string) =>
  new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`).test(path);

/**
 * How long an idle connection is kept beyond the `Keep-Alive: timeout=5` the server announces. A client
 * drops an idle connection a little before the announced time (undici, behind Node's fetch, 2 s before), but
 * on a loaded machine its timer can run seconds late: it then sent its next request on a connection the
 * server had just closed, and the request failed with `other side closed` (issue 33). Kept this long, a
 * connection the client still believes in is still open.
 */
export const IDLE_MARGIN_MS = 60_000;

/** A server for a built site folder; call `.listen()` on it. */
export function createSiteServer(dir: string, base = basePrefix()): Server {
  const root = resolve(dir);
  const headersPath = join(root, '_headers');
  const rules = existsSync(headersPath) ? parseHeaders(readFileSync(headersPath, 'utf8')) : [];
  const ruleHeaders = (res: ServerResponse, path: string) => {
    for (const rule of rules) if (matches(rule.pattern, path)) for (const [name, value] of rule.headers) res.setHeader(name, value);
  };
  const files = serveStatic(root, {
    index: ['index.html'],
    extensions: ['html'],
    dotfiles: 'ignore',
    setHeaders(res, path) {
      const type = Object.entries(TEXT_TYPES).find(([ext]) => path.endsWith(ext))?.[1];
      if (type) res.setHeader('Content-Type', type);
      res.setHeader('X-Content-Type-Options', 'nosniff');
    },
  });
  const notFound = (res: ServerResponse) => {
    const page = join(root, '404.html');
    res.statusCode = 404;
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    if (existsSync(page)) createReadStream(page).pipe(res);
    else res.end('Not found\n');
  };
  return createServer({ keepAliveTimeoutBuffer: IDLE_MARGIN_MS }, (req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? '/';
    if (base && url !== base && !url.startsWith(`${base}/`) && !url.startsWith(`${base}?`)) return notFound(res);
    req.url = url.slice(base.length) || '/';
    const path = req.url.split('?')[0];
    ruleHeaders(res, path);
    if (/^\/_headers$/i.test(decodeURIComponentSafe(path))) return notFound(res);
    files(req, res, (err?: unknown) => {
      if (err) {
        res.statusCode = 500;
        res.end('Internal error\n');
      } else notFound(res);
    });
  });
}

const decodeURIComponentSafe = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

if (import.meta.main) {
  const { values } = parseArgs({ options: { dir: { type: 'string', default: 'dist' }, port: { type: 'string', default: '4321' }, host: { type: 'string', default: '127.0.0.1' } } });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`serve-site: Unexpected --port \`${values.port}\`, expected a number from 0 to 65535`);
    process.exit(2);
  }
  if (!existsSync(join(values.dir, 'index.html'))) {
    console.error(`serve-site: no built site in \`${values.dir}\` (run \`npm run build\` first)`);
    process.exit(2);
  }
  const server = createSiteServer(values.dir);
  server.listen(port, values.host, () => console.log(`Serving ${values.dir} on http://${values.host === '0.0.0.0' ? 'localhost' : values.host}:${port}${basePrefix()}/`));
}
