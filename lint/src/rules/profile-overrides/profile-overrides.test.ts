import { describe, expect, it } from 'vitest';
import { lintCorpus, only, PROFILE } from '../../../test/corpus.ts';
import { overrideProblem } from './index.ts';

const at = 'content/profiles/box.md';

describe('profile-overrides', () => {
  it('accepts the forms the templates use', () => {
    for (const [key, value] of [
      ['DATA_DIR', '/root/autodl-tmp'], ['DURABLE_DIR', '/lambda/nfs/<name>'], ['HF_HOME', '$HOME/proj/.hf'], ['CRED_FILE', '~/.netrc'],
      ['PROXY_HOOK', 'source /etc/network_turbo 2>/dev/null || true'], ['PROXY_HOOK', ':'], ['PROXY_HOOK', '/etc/proxy.sh'],
      ['SCRATCH', 'latest.pth epoch_*.pth'], ['DETACH', 'tmux'], ['DURABLE_DIR', ''],
    ] as const) expect(overrideProblem(key, value), `${key}=${value}`).toBeUndefined();
  });
  it('reports prose in values at the key, for the main set and for variants', async () => {
    const text = PROFILE()
      .replace('DURABLE_DIR: /data,', 'DURABLE_DIR: "off-box: copy before destroy",')
      .replace('SCRATCH: "",', 'SCRATCH: /tmp,')
      .replace('verified: 2026-09\n---', 'verified: 2026-09\noverrideVariants:\n  Other:\n    PROXY_HOOK: export http_proxy=http://proxy:1\n---');
    expect(only(await lintCorpus({ [at]: text }), 'profile-overrides').map((f) => f.replace(/^\S+ error profile-overrides /, ''))).toEqual([
      'Unexpected `overrides.DURABLE_DIR` value `off-box: copy before destroy`, expected an absolute path (`/…`, `$HOME/…`, `~/…`; `<name>` marks a part to fill in) or `""`',
      'Unexpected `overrides.SCRATCH` value `/tmp`, expected file-name patterns separated by spaces, such as `latest.pth epoch_*.pth`',
      'Unexpected `overrideVariants.Other.PROXY_HOOK` value `export http_proxy=http://proxy:1`, expected `""`, `:`, a file path, or `source FILE` (optionally `2>/dev/null || true`); put anything else in a file',
    ]);
  });
});
