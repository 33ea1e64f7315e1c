/**
 * `kb-lint mcp`: the MCP server on stdio. Logs go to stderr; stdout carries the protocol and nothing else, so
 * this command writes to the process's streams themselves (the protocol is bytes on a pipe, not report text).
 * Answers carry page URLs: absolute when the site's address is known (`--site-url`, or `SITE_URL` /
 * `BASE_PATH` as for a build), site-relative otherwise.
 */
import type { Readable, Writable } from 'node:stream';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { MAX_LOG_BYTES } from '../diagnose/log-limit.ts';
import { ExportError } from '../export/corpus.ts';
import { formatText } from '../formatters/text.ts';
import { UsageError } from '../io.ts';
import { BoundedLines } from '../mcp/bounded-stdin.ts';
import { createServer, loadGuideData } from '../mcp/server.ts';
import { SITE_URL } from '../site-url.ts';
import { defineCommand, noOperands } from './command.ts';

export const mcpCommand = (streams: { stdin: Readable; stdout: Writable } = process) =>
  defineCommand({
    name: 'mcp',
    summary: 'the guide as an MCP server on stdio',
    description: `The field guide as an MCP server on stdio (tools: diagnose_log, search, get_gotcha, get_profile,
list_templates), answering from content/ offline. One request may be up to 32 MiB; a larger one gets an
error reply.`,
    options: {
      'site-url': { type: 'string', arg: 'url', help: 'where the site is published, for absolute page URLs (default: SITE_URL, else relative)' },
    },
    rootEnv: 'KB_ROOT',
    exits: '0 served until stdin closed, 2 usage error, broken content or internal error.',
    async run(io, { values, positionals, root }) {
      noOperands(positionals);
      const siteUrl = values['site-url'] ?? (io.env?.SITE_URL || io.env?.KB_SITE_URL ? SITE_URL : '');
      if (siteUrl && !/^https?:\/\/[^\s/]+/.test(siteUrl)) throw new UsageError(`Unexpected --site-url \`${siteUrl}\`, expected an http(s) address such as https://owner.github.io/guide`);
      let data;
      try {
        data = await loadGuideData(root, siteUrl);
      } catch (error) {
        // The content the server would answer from is broken (or a file in it was refused): say where, and stop.
        if (!(error instanceof ExportError)) throw error;
        io.stderr(`${formatText(error.findings, { color: false })}\nkb-lint mcp: ${error.message}; fix them (\`npm run lint\` shows the same)\n`);
        return 2;
      }
      // Each message passes through BoundedLines first, so the transport's own buffer (set just above the limit)
      // never fills: an oversized request gets an error reply instead of ending the connection.
      const input = streams.stdin.pipe(new BoundedLines((line) => streams.stdout.write(line)));
      await createServer(data).connect(new StdioServerTransport(input, streams.stdout, { maxBufferSize: MAX_LOG_BYTES + 1 }));
      io.stderr(`remote-gpu-field-guide MCP server: ${data.index.docs.length} gotchas, ${data.profileIds.length} profiles from ${root}\n`);
      return 0;
    },
  });

export const command = mcpCommand();
