/** Start the MCP server on stdio. Logs go to stderr: stdout carries the protocol. */
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createServer, loadGuideData } from './server.ts';
import { BoundedLines } from './bounded-stdin.ts';
import { ExportError } from '../export/corpus.ts';
import { formatText } from '../formatters/text.ts';
import { MAX_LOG_BYTES } from '../diagnose/log-limit.ts';
import { SITE_URL } from '../site-url.ts';

const root = process.env.KB_ROOT ?? process.cwd();
let data;
try {
  data = await loadGuideData(root, process.env.SITE_URL || process.env.KB_SITE_URL ? SITE_URL : '');
} catch (error) {
  // The content the server would answer from is broken (or a file in it was refused): say where, and stop.
  if (!(error instanceof ExportError)) throw error;
  process.stderr.write(`${formatText(error.findings, { color: false })}\nremote-gpu-field-guide MCP server: ${error.message}; fix them (\`npm run lint\` shows the same)\n`);
  process.exit(2);
}
// Each message passes through BoundedLines first, so the transport's own buffer (set just above the limit)
// never fills: an oversized request gets an error reply instead of ending the connection.
const input = process.stdin.pipe(new BoundedLines((line) => process.stdout.write(line)));
await createServer(data).connect(new StdioServerTransport(input, process.stdout, { maxBufferSize: MAX_LOG_BYTES + 1 }));
process.stderr.write(`remote-gpu-field-guide MCP server: ${data.corpus.gotchas.length} gotchas, ${data.corpus.profiles.length} profiles from ${root}\n`);
