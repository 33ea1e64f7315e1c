import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

const ROOT = join(import.meta.dirname, '../../..');
const client = new Client({ name: 'field-guide-test', version: '1.0.0' });

// End to end: the real server process over stdio, driven by the SDK's own client.
beforeAll(async () => {
  await client.connect(new StdioClientTransport({ command: process.execPath, args: [join(ROOT, 'lint/mcp.js')], cwd: ROOT, stderr: 'ignore' }));
}, 60_000);
afterAll(() => client.close());

const call = async (name: string, args: Record<string, unknown>) => {
  const r = (await client.callTool({ name, arguments: args })) as { content: { text: string }[]; isError?: boolean };
  return { error: r.isError ?? false, value: r.isError ? r.content[0].text : JSON.parse(r.content[0].text) };
};

describe('MCP server over stdio', () => {
  it('lists the four tools', async () => {
    expect((await client.listTools()).tools.map((t) => t.name).sort()).toEqual(['diagnose_log', 'get_gotcha', 'get_profile', 'search']);
  });
  it('diagnoses a log with the matched line and reason', async () => {
    const { value } = await call('diagnose_log', { log: 'step 12\n[rank0]: torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB\n' });
    expect(value.matches[0]).toMatchObject({ id: 'M2', via: 'signature', url: '/gotchas/m2/', line: { number: 2 } });
  });
  it('searches plain words', async () => {
    const { value } = await call('search', { query: 'Address already in use torchrun second job' });
    expect(value.map((m: { id: string }) => m.id)).toContain('D4');
  });
  it('fetches a gotcha and a profile, and says so when an id is unknown', async () => {
    const g = await call('get_gotcha', { id: 'm3' });
    expect(g.value).toMatchObject({ id: 'M3', url: '/gotchas/m3/' });
    expect(g.value.markdown).toMatch(/^## Symptom/);
    expect((await call('get_profile', { id: 'runpod' })).value).toMatchObject({ id: 'runpod', title: 'RunPod' });
    expect(await call('get_gotcha', { id: 'ZZ9' })).toEqual({ error: true, value: 'No gotcha `ZZ9`' });
  });
});
