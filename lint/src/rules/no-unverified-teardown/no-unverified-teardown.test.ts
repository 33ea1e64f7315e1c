import { describe, expect, it } from 'vitest';
import { fixtureFindings } from '../../../test/fixture.ts';
import { GOTCHA, lintCorpus, only } from '../../../test/corpus.ts';
import { teardown, verification } from './index.ts';

const at = 'content/gotchas/alpha/al3-disk-full.md';
const msg = (what: string) => `Unexpected ${what} not gated on a verified copy, expected it in an \`&&\` chain after a checksum or manifest check (or under \`set -e\` after one)`;

describe('no-unverified-teardown', () => {
  // One line per case: the command words decide, wherever the command sits in the line.
  it.each([
    ['vastai destroy instance 42', '`vastai destroy`'],
    ['sudo -E vastai destroy instances 1 2', '`vastai destroy`'],
    ['vastai destroy volume 7', '`vastai destroy`'],
    ['vastai stop instance 42', undefined],
    ['runpodctl stop pod abc', '`runpodctl stop pod`'],
    ['runpodctl get pod', undefined],
    ['kubectl delete pod/trainer-0', '`kubectl delete`'],
    ['kubectl delete job train', undefined],
    ['gcloud compute tpus tpu-vm delete v4 --zone z', '`gcloud … delete`'],
    ['gcloud compute instances list', undefined],
    ['curl -X POST https://cloud.lambdalabs.com/api/v1/instance-operations/launch', undefined],
    ['sha256sum -c m.sha256 ; vastai destroy instance 1', '`vastai destroy`'],
    ['sha256sum -c m.sha256 | tee log && vastai destroy instance 1', '`vastai destroy`'],
    ['sha256sum m > m.sha256 && vastai destroy instance 1', '`vastai destroy`'],
    ['md5sum --check m.md5 && vastai destroy instance 1', undefined],
    ['diff -r a b && kubectl delete pvc data', undefined],
  ])('`%s` → %s', async (line, what) => {
    const page = GOTCHA('AL3', '', `## Symptom\n\nx\n\n## Root cause\n\nx\n\n## Fix\n\n\`\`\`bash\n${line}\n\`\`\`\n`);
    const found = only(await lintCorpus({ [at]: page }), 'no-unverified-teardown');
    expect(found).toEqual(what ? [expect.stringContaining(msg(what))] : []);
  });

  it('reads a checksum check only with its check flag, and not `shasum -a 256` alone', () => {
    expect(verification(['sha256sum', 'file'])).toBe(false);
    expect(verification(['shasum', '-a', '256', '-c', 'm'])).toBe(true);
    expect(verification(['shasum', '-a', '256', 'file'])).toBe(false);
    expect(teardown(['env', 'VAST_API_KEY=x', 'vastai', 'destroy', 'instance', '1'])).toBe('`vastai destroy`');
  });

  it('checks reference pages, profiles and catalogs too', async () => {
    expect((await fixtureFindings('no-unverified-teardown', 'not-ok-teardowns.md', 'content/references/cleanup.md')).length).toBe(7);
  });
});
