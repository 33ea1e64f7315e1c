/** A throwaway HTTP server on 127.0.0.1 for tests that must never reach the internet. */
import { createServer, type RequestListener } from 'node:http';

export interface LocalServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  base: string;
  close(): Promise<void>;
}

export async function localServer(handler: RequestListener): Promise<LocalServer> {
  const server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    base: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    async close() {
      // Keep-alive sockets would hold close() open until they time out.
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}
