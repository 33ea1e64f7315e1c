/**
 * The guide as an MCP server (stdio): diagnose a log, search, and fetch a gotcha or a profile, offline. It
 * answers a diagnosis from the moment it starts: the index comes from the CLI's cache (index-cache.ts, rebuilt
 * only when content changed), and the full corpus, which only `get_gotcha` and `get_profile` need, is read
 * with the linter's own loader on the first such call. The tools are thin shells around the diagnosis engine
 * (lint/src/diagnose), the same one the site and the CLI use.
 *
 * Agent host config (docs/DEVELOPING.md): { "command": "node", "args": ["<checkout>/lint/bin.js", "mcp"], "cwd": "<checkout>" }
 * — any Node starts it: lint/bin.js runs itself again under the project's Node 24 when the first cannot.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'astro/zod';
import type { Corpus } from '../export/corpus.ts';
import { createHash } from 'node:crypto';
import { gotchaPath, profilePath, templatePath } from '../markdown/links.ts';
import { diagnose } from '../diagnose/engine.ts';
import type { DiagnosisIndex } from '../diagnose/index-data.ts';
import { cachedDiagnosisIndex } from '../diagnose/index-cache.ts';
import { VERSION } from '../io.ts';
import { MAX_LOG_BYTES, MAX_LOG_SHOWN } from '../diagnose/log-limit.ts';

/** Page body without its frontmatter block. */
const bodyOf = (text: string) => text.replace(/^---\n[\s\S]*?\n---\n/, '').trim();

/** A profile's id is its file name (`content/profiles/runpod.md` → `runpod`), as in its page URL. */
const profileId = (path: string) => path.split('/').at(-1)!.replace(/\.md$/, '');

const json = (value: unknown) => ({ content: [{ type: 'text' as const, text: JSON.stringify(value, null, 2) }] });
const notFound = (what: string) => ({ content: [{ type: 'text' as const, text: what }], isError: true });

export interface GuideData {
  index: DiagnosisIndex;
  /** The parsed corpus, read once on first use. */
  corpus: () => Promise<Corpus>;
  /** Profile ids (file names under content/profiles/), for the tool description. */
  profileIds: string[];
  /** Prefix for page paths in answers (`https://guide.example`); empty for site-relative paths. */
  baseUrl: string;
}

export async function loadGuideData(root: string, baseUrl = ''): Promise<GuideData> {
  const { index } = await cachedDiagnosisIndex(root);
  let corpus: Promise<Corpus> | undefined;
  const load = () =>
    (corpus ??= import('../export/corpus.ts')
      .then((m) => m.loadCorpus(root))
      .catch((error: unknown) => {
        corpus = undefined; // content fixed since: the next call tries again
        throw error;
      }));
  let profileIds: string[] = [];
  try {
    profileIds = readdirSync(join(root, 'content', 'profiles')).filter((f) => f.endsWith('.md')).map(profileId).sort();
  } catch {
    // no profiles folder: get_profile says no id is known
  }
  return { index, corpus: load, profileIds, baseUrl: baseUrl.replace(/\/$/, '') };
}

export function createServer(data: GuideData): McpServer {
  const server = new McpServer({ name: 'remote-gpu-field-guide', version: VERSION });
  const withBase = <T extends { url: string }>(m: T) => ({ ...m, url: data.baseUrl + m.url });

  server.registerTool(
    'diagnose_log',
    {
      description: 'Find the field-guide gotchas that explain a log or an error message (paste the whole tail: traceback, NCCL/CUDA/Xid lines, launcher output). Returns ranked gotchas (and reference pages such as `ref:xid`, the Xid table), each with the log line that matched and why.',
      inputSchema: { log: z.string().max(MAX_LOG_BYTES).describe(`The log text, at most ${MAX_LOG_SHOWN} as sent (a larger request gets an error reply): the end of a log matters most`), limit: z.number().int().min(1).max(50).optional().describe('Matches to return (default 5)') },
    },
    async ({ log, limit }) => {
      const r = diagnose(log, data.index, { limit: limit ?? 5 });
      return json({ ...r, matches: r.matches.map(withBase) });
    },
  );

  server.registerTool(
    'search',
    {
      description: 'Search the field guide\'s gotchas with plain words or an error string ("runpod volume lost after stop", "Address already in use").',
      inputSchema: { query: z.string().min(1).max(10_000), limit: z.number().int().min(1).max(50).optional() },
    },
    async ({ query, limit }) => {
      const r = diagnose(query, data.index, { limit: limit ?? 10, query: true });
      return json(r.matches.map((m) => withBase({ id: m.id, title: m.title, url: m.url, via: m.via, why: m.why })));
    },
  );

  server.registerTool(
    'get_gotcha',
    { description: 'One gotcha by id (e.g. `M3`, `RP11`): its facts and its Markdown (Symptom, Root cause, Fix).', inputSchema: { id: z.string().min(1).max(20) } },
    async ({ id }) => {
      const page = (await data.corpus()).gotchas.find((g) => g.data.id.toLowerCase() === id.toLowerCase());
      if (!page) return notFound(`No gotcha \`${id}\``);
      return json({ ...page.data, url: data.baseUrl + gotchaPath(page.data.id), markdown: bodyOf(page.file.text) });
    },
  );

  server.registerTool(
    'get_profile',
    {
      description: `A platform profile by id: storage tiers, what survives a stop, teardown verbs, danger clocks. Ids: ${data.profileIds.join(', ')}.`,
      inputSchema: { id: z.string().min(1).max(40) },
    },
    async ({ id }) => {
      const profiles = (await data.corpus()).profiles;
      const page = profiles.find((p) => profileId(p.file.path) === id.toLowerCase());
      if (!page) return notFound(`No profile \`${id}\`; known: ${profiles.map((p) => profileId(p.file.path)).join(', ')}`);
      return json({ id: profileId(page.file.path), ...page.data, url: data.baseUrl + profilePath(profileId(page.file.path)), markdown: bodyOf(page.file.text) });
    },
  );
  server.registerTool(
    'list_templates',
    {
      description: 'The shell templates to copy onto a GPU box (queue runner, per-job wrapper, GPU health, download loop, …): name, what it is for, its SHA-256 and size to check a copy against, and its page and download URLs.',
      inputSchema: {},
    },
    async () => {
      const templates = (await data.corpus()).templates;
      return json(
        templates.map((t) => ({
          name: t.name,
          title: t.meta.title,
          purpose: t.meta.purpose,
          usage: t.meta.usage,
          sha256: createHash('sha256').update(t.bytes).digest('hex'),
          bytes: t.bytes.length,
          url: data.baseUrl + templatePath(t.name),
          download: `${data.baseUrl}/downloads/${t.name}`,
        })),
      );
    },
  );
  return server;
}
