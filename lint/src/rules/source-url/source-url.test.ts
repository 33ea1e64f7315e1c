import { describe, expect, it } from 'vitest';
import { fixtureFindings } from '../../../test/fixture.ts';
import { GOTCHA, lintCorpus, only } from '../../../test/corpus.ts';

const at = 'content/gotchas/alpha/al3-queue-stops.md';

describe('source-url', () => {
  it('rejects http, private hosts, unparseable URLs, duplicates and http body links', async () => {
    expect(await fixtureFindings('source-url', 'not-ok-sources.md', at)).toEqual([
      `${at}:9:10 error source-url Expected an \`https:\` URL, got \`http://example.com/queue\` in \`sources.0.url\``,
      `${at}:11:10 error source-url Expected a public host, got \`https://127.0.0.1:8080/docs\` in \`sources.1.url\``,
      `${at}:13:10 error source-url Expected a parseable URL, got \`see the docs\` in \`sources.2.url\``,
      `${at}:17:10 error source-url Unexpected duplicate source \`https://example.com/a/#section\`, already listed as \`sources.3\``,
      `${at}:23:30 error source-url Unexpected \`http:\` link \`http://example.com/log\`, expected \`https:\``,
    ]);
  });
  it('requires at least one source on a gotcha', async () => {
    const none = GOTCHA('AL3').replace(/sources:\n  - title: .*\n    url: .*\n(    (quote|checked): .*\n)*/, 'sources: []\n');
    expect(only(await lintCorpus({ [at]: none }), 'source-url')).toEqual([`${at}:8:10 error source-url Expected at least one source in \`sources\``]);
  });
});
