/** Start the MCP server on stdio. Logs go to stderr: stdout carries the protocol. */
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createServer, loadGuideData } from './server.ts';
import { SITE_URL } from '../site-url.ts';

const root = process.env.KB_ROOT ?? process.cwd();
const data = await loadGuideData(root, process.env.SITE_URL || process.env.KB_SITE_URL ? SITE_URL : '');
await createServer(data).connect(new StdioServerTransport());
process.stderr.write(`remote-gpu-field-guide MCP server: ${data.index.docs.length} gotchas, ${data.profileIds.length} profiles from ${root}\n`);
