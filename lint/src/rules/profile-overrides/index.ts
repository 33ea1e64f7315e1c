import { defineRule } from '../define.ts';
import { OVERRIDE_KEYS } from '../../schema/profile.ts';

/** A path the templates can use: absolute, or under `$HOME`/`~`, optionally with `<placeholder>` parts to fill in. */
const PATH = /^(?:\/|\$HOME\/|~\/)(?:[\w.@+-]|\/|<[a-z][a-z-]*>)*$/;
/** The only `PROXY_HOOK` forms run_one.sh accepts (it never evaluates the value). */
const PROXY = /^(?::|\/\S+|(?:source|\.) \/\S+(?: 2>\/dev\/null)?(?: \|\| true)?)$/;
/** File-name glob patterns inside a cell's checkpoint folder, separated by spaces. */
const GLOBS = /^[\w.*?[\]-]+(?: [\w.*?[\]-]+)*$/;
const WORD = /^[\w./-]+$/;

type Key = (typeof OVERRIDE_KEYS)[number];

/** Why a value cannot be used by the templates as written, or `undefined` when it can. */
export function overrideProblem(key: Key, value: string): string | undefined {
  if (value === '') return undefined;
  switch (key) {
    case 'DATA_DIR':
    case 'DURABLE_DIR':
    case 'HF_HOME':
    case 'CRED_FILE':
      return PATH.test(value) ? undefined : 'expected an absolute path (`/…`, `$HOME/…`, `~/…`; `<name>` marks a part to fill in) or `""`';
    case 'PROXY_HOOK':
      return PROXY.test(value) ? undefined : 'expected `""`, `:`, a file path, or `source FILE` (optionally `2>/dev/null || true`); put anything else in a file';
    case 'SCRATCH':
      return GLOBS.test(value) ? undefined : 'expected file-name patterns separated by spaces, such as `latest.pth epoch_*.pth`';
    case 'DETACH':
      return WORD.test(value) ? undefined : 'expected one word naming the detach primitive, such as `tmux` or `sbatch`';
  }
}

export default defineRule({
  id: 'profile-overrides',
  description: 'Profile override values are usable by the script templates as written, not prose',
  severity: 'error',
  kinds: ['profile'],
  scope: 'file',
  check(file, ctx) {
    const data = file.frontmatter.data;
    const sets: [PropertyKey[], unknown][] = [[['overrides'], data.overrides]];
    if (data.overrideVariants && typeof data.overrideVariants === 'object') {
      for (const [name, values] of Object.entries(data.overrideVariants)) sets.push([['overrideVariants', name], values]);
    }
    for (const [path, values] of sets) {
      if (!values || typeof values !== 'object') continue;
      for (const key of OVERRIDE_KEYS) {
        const value = (values as Record<string, unknown>)[key];
        if (typeof value !== 'string') continue;
        const problem = overrideProblem(key, value);
        if (problem) ctx.report(file, { message: `Unexpected \`${[...path, key].map(String).join('.')}\` value \`${value}\`, ${problem}`, place: file.frontmatter.positionOf([...path, key]) });
      }
    }
  },
});
