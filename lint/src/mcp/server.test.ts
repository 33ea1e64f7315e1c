import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

const ROOT = join(import.meta.dirname, '../../..');

/** The host config line docs/DEVELOPING.md tells people to paste, with the checkout filled in. */
function documentedConfig(): { command: string; args: string[]; cwd: string } {
  const doc = readFileSync(join(ROOT, 'docs/DEVELOPING.md'), 'utf8');
  const line = /`(\{"mcpServers": \{"field-guide": .*?\}\}\})`/.exec(doc)?.[1];
  if (!line) throw new Error('docs/DEVELOPING.md no longer shows the MCP host config');
  const server = (JSON.parse(line.replaceAll('<checkout>', ROOT.replace(/\/$/, ''))) as { mcpServers: Record<string, { command: string; args: string[]; cwd: string }> }).mcpServers['field-guide']!;
  return server;
}

/**
 * PATH as a host sees it: without node_modules/.bin, which npm and vitest put first and where `node` is the
 * project's Node 24. The host starts the machine's own Node (20 on the team's machines and in CI).
 */
const hostPath = (process.env.PATH ?? '').split(delimiter).filter((p) => !p.includes('node_modules')).join(delimiter);

const client = new Client({ name: 'field-guide-test', version: '1.0.0' });
let hostNode = '';

// End to end: the real server process over stdio, started exactly as documented, driven by the SDK's client.
beforeAll(async () => {
  const config = documentedConfig();
  hostNode = execFileSync(config.command, ['--version'], { env: { ...process.env, PATH: hostPath }, encoding: 'utf8' }).trim();
  await client.connect(new StdioClientTransport({ ...config, env: { PATH: hostPath, HOME: process.env.HOME ?? '/root', SITE_URL: 'https://guide.example/field' }, stderr: 'ignore' }));
}, 60_000);
afterAll(() => client.close());

const call = async (name: string, args: Record<string, unknown>) => {
  const r = (await client.callTool({ name, arguments: args })) as { content: { text: string }[]; isError?: boolean };
  return { error: r.isError ?? false, value: r.isError ? r.content[0].text : JSON.parse(r.content[0].text) };
};

describe('MCP server started as docs/DEVELOPING.md says, under the machine’s own Node', () => {
  it('starts under whatever `node` the host finds', () => {
    expect(hostNode).toMatch(/^v\d+\./);
  });
  it('lists its five tools', async () => {
    expect((await client.listTools()).tools.map((t) => t.name).sort()).toEqual(['diagnose_log', 'get_gotcha', 'get_profile', 'list_templates', 'search']);
  });
  it('diagnoses a log with the matched line, the reason and an absolute page URL', async () => {
    const { value } = await call('diagnose_log', { log: 'step 12\n[rank0]: torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB\n' });
    expect(value.matches[0]).toMatchObject({ id: 'M2', via: 'signature', url: 'https://guide.example/field/gotchas/m2/', line: { number: 2 } });
  });
  it('searches plain words', async () => {
    const { value } = await call('search', { query: 'Address already in use torchrun second job' });
    expect(value.map((m: { id: string }) => m.id)).toContain('D4');
  });
  it('fetches a gotcha and a profile, and says so when an id is unknown', async () => {
    const g = await call('get_gotcha', { id: 'm3' });
    expect(g.value).toMatchObject({ id: 'M3', url: 'https://guide.example/field/gotchas/m3/' });
    expect(g.value.markdown).toMatch(/^## Symptom/);
    expect((await call('get_profile', { id: 'runpod' })).value).toMatchObject({ id: 'runpod', title: 'RunPod', url: 'https://guide.example/field/profiles/runpod/' });
    expect(await call('get_gotcha', { id: 'ZZ9' })).toEqual({ error: true, value: 'No gotcha `ZZ9`' });
  });
  it('lists the templates with the SHA-256 of the bytes a download serves', async () => {
    const { value } = await call('list_templates', {});
    const runOne = value.find((t: { name: string }) => t.name === 'run_one.sh.template');
    expect(runOne).toMatchObject({ url: 'https://guide.example/field/templates/run_one-sh-template/', download: 'https://guide.example/field/downloads/run_one.sh.template' });
    expect(runOne.sha256).toBe(createHash('sha256').update(readFileSync(join(ROOT, 'scripts/run_one.sh.template'))).digest('hex'));
    expect(runOne.purpose).toMatch(/\S/);
    expect(value.length).toBeGreaterThanOrEqual(10);
  });
});
