/**
 * `kb-lint mcp`: the MCP server on stdio. Logs go to stderr; stdout carries the protocol and nothing else.
 *
 *   kb-lint mcp [--root DIR] [--site-url URL]
 *
 * Answers carry page URLs: absolute when the site's address is known (`--site-url`, or `SITE_URL` /
 * `BASE_PATH` as for a build), site-relative otherwise.
 */
import { parseArgs } from 'node:util';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createServer, loadGuideData } from './server.ts';
import { BoundedLines } from './bounded-stdin.ts';
import { ExportError } from '../export/corpus.ts';
import { formatText } from '../formatters/text.ts';
import { MAX_LOG_BYTES } from '../diagnose/log-limit.ts';
import { SITE_URL } from '../site-url.ts';

export const MCP_HELP = `Usage: kb-lint mcp [--root DIR] [--site-url URL]
The field guide as an MCP server on stdio (tools: diagnose_log, search, get_gotcha, get_profile, list_templates).
  --root <dir>      project root holding content/ and scripts/ (default: KB_ROOT or the current directory)
  --site-url <url>  where the site is published, for absolute page URLs (default: SITE_URL, else relative)
`;

export async function runMcp(argv: string[]): Promise<void> {
  let values: { root?: string; 'site-url'?: string; help?: boolean };
  try {
    ({ values } = parseArgs({ args: argv, options: { root: { type: 'string' }, 'site-url': { type: 'string' }, help: { type: 'boolean', short: 'h' } }, strict: true }));
  } catch (error) {
    process.stderr.write(`kb-lint mcp: ${(error as Error).message}\n${MCP_HELP}`);
    process.exitCode = 2;
    return;
  }
  if (values.help) {
    process.stderr.write(MCP_HELP);
    return;
  }
  const siteUrl = values['site-url'] ?? (process.env.SITE_URL || process.env.KB_SITE_URL ? SITE_URL : '');
  if (siteUrl && !/^https?:\/\/[^\s/]+/.test(siteUrl)) {
    process.stderr.write(`kb-lint mcp: Unexpected --site-url \`${siteUrl}\`, expected an http(s) address such as https://owner.github.io/guide\n`);
    process.exitCode = 2;
    return;
  }
  const root = values.root ?? process.env.KB_ROOT ?? process.cwd();
  let data;
  try {
    data = await loadGuideData(root, siteUrl);
  } catch (error) {
    // The content the server would answer from is broken (or a file in it was refused): say where, and stop.
    if (!(error instanceof ExportError)) throw error;
    process.stderr.write(`${formatText(error.findings, { color: false })}\nremote-gpu-field-guide MCP server: ${error.message}; fix them (\`npm run lint\` shows the same)\n`);
    process.exitCode = 2;
    return;
  }
  // Each message passes through BoundedLines first, so the transport's own buffer (set just above the limit)
  // never fills: an oversized request gets an error reply instead of ending the connection.
  const input = process.stdin.pipe(new BoundedLines((line) => process.stdout.write(line)));
  await createServer(data).connect(new StdioServerTransport(input, process.stdout, { maxBufferSize: MAX_LOG_BYTES + 1 }));
  process.stderr.write(`remote-gpu-field-guide MCP server: ${data.index.docs.length} gotchas, ${data.profileIds.length} profiles from ${root}\n`);
}
