/**
 * `npm start`'s server: the built site in dist/ over HTTP, as a static host serves it. It replaces `astro
 * preview`, which sends the script downloads (`.sh`, `.sh.template`) with an empty Content-Type and gives no
 * hook to set one (it drops user Vite plugins); serve-static (Express's static handler) does the file work.
 *
 *   node tools/serve-site.ts [--dir dist] [--port 4321] [--host 127.0.0.1]
 *
 * Honours `BASE_PATH` as the build does: the site answers under it and nowhere else.
 */
import { createReadStream, existsSync } from 'node:fs';
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

/** A server for a built site folder; call `.listen()` on it. */
export function createSiteServer(dir: string, base = basePrefix()): Server {
  const root = resolve(dir);
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
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? '/';
    if (base && url !== base && !url.startsWith(`${base}/`) && !url.startsWith(`${base}?`)) return notFound(res);
    req.url = url.slice(base.length) || '/';
    files(req, res, (err?: unknown) => {
      if (err) {
        res.statusCode = 500;
        res.end('Internal error\n');
      } else notFound(res);
    });
  });
}

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
