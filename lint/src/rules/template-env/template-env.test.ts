import { describe, expect, it } from 'vitest';
import { lintCorpus, only, SCRIPT } from '../../../test/corpus.ts';
import { environmentReads } from './index.ts';

describe('template-env', () => {
  it('finds reads with defaults and reads of never-assigned names, not locals or bash variables', () => {
    const code = 'set -u\nout="${OUT_DIR:-/tmp}"\nlog=${LOG:?}\nCOUNT=0\necho "$COUNT $HOME $TOKEN_FILE ${BASH_SOURCE[0]}"\nfor CELL in a b; do echo "$CELL"; done\nread -r NAME <<< x; echo "$NAME"\n';
    expect([...environmentReads(code).keys()]).toEqual(['OUT_DIR', 'LOG', 'TOKEN_FILE']);
  });
  it('reports undocumented reads at their line and documented names the script ignores', async () => {
    const script = SCRIPT(undefined, 'echo "${OUT_DIR:-/tmp/out}" "$SECRET_PATH"\n').replace('# env:\n', '# env:\n#   UNUSED:\n#     description: Nothing reads this.\n');
    expect(only(await lintCorpus({ 'scripts/example.sh': script }), 'template-env')).toEqual([
      'scripts/example.sh:7:5 warning template-env Documented variable `UNUSED` is never read by the script',
      'scripts/example.sh:16:30 error template-env Undocumented environment variable `SECRET_PATH`, expected an `env.SECRET_PATH` entry in the metadata block',
    ]);
  });
});
