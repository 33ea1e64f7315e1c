import { pointFinder } from '../../engine/points.ts';
import { defineRule } from '../define.ts';
import { commandList, lineStarts, logicalLines, shellBlocks, type Command } from '../shell-words.ts';

/** The words of a command after any leading `sudo`, `env VAR=x`, `VAR=x` or `command`. */
function program(words: string[]): string[] {
  let i = 0;
  while (i < words.length && (/^(?:sudo|command|exec|nohup|time|env|then|do|else)$/.test(words[i]) || /^[A-Za-z_]\w*=/.test(words[i]) || (i > 0 && /^-/.test(words[i]) && words[i - 1] === 'sudo'))) i++;
  return words.slice(i);
}

const has = (words: string[], ...wanted: string[]) => wanted.some((w) => words.includes(w));

/**
 * What one command tears down, from its words, when it removes an instance, a volume or a pod with the data on
 * it; undefined for everything else. Each platform's CLI names it differently, so each gets its own reading.
 */
export function teardown(all: string[]): string | undefined {
  const words = program(all);
  const [cmd, ...args] = words;
  if (!cmd) return undefined;
  const base = cmd.split('/').pop()!;
  if (base === 'vastai' && has(args, 'destroy') && has(args, 'instance', 'instances', 'volume', 'volumes')) return '`vastai destroy`';
  if (base === 'vastai' && has(args, 'delete') && has(args, 'volume', 'volumes')) return '`vastai delete volume`';
  if (base === 'runpodctl' && has(args, 'remove', 'rm', 'delete', 'terminate') && has(args, 'pod', 'pods', 'volume', 'volumes', 'networkvolume')) return '`runpodctl remove`';
  if (base === 'runpodctl' && has(args, 'stop') && has(args, 'pod', 'pods')) return '`runpodctl stop pod`';
  if (base === 'kubectl' && has(args, 'delete') && has(args, 'pod', 'pods', 'po', 'pvc', 'pvcs', 'persistentvolumeclaim', 'persistentvolumeclaims', 'pv', 'persistentvolume', 'persistentvolumes', 'namespace', 'ns', 'statefulset', 'sts')) return '`kubectl delete`';
  if (base === 'kubectl' && has(args, 'delete') && args.some((a) => /^(?:pods?|pvc|persistentvolumeclaims?|pv|persistentvolumes?|statefulsets?|namespaces?)\//.test(a))) return '`kubectl delete`';
  if (base === 'aws' && has(args, 'ec2') && has(args, 'terminate-instances', 'delete-volume')) return '`aws ec2 terminate-instances`';
  if (base === 'gcloud' && has(args, 'delete') && has(args, 'instances', 'disks', 'tpu-vm', 'tpus', 'instance-groups')) return '`gcloud … delete`';
  if (base === 'az' && has(args, 'delete') && has(args, 'vm', 'disk')) return '`az … delete`';
  if (base === 'doctl' && has(args, 'delete') && has(args, 'droplet', 'volume')) return '`doctl … delete`';
  if ((base === 'pspace' || base === 'paperspace') && has(args, 'delete', 'destroy') && has(args, 'machine', 'machines')) return '`pspace machine delete`';
  if (base === 'sky' && has(args, 'down')) return '`sky down`';
  // Lambda has no CLI: its API is called with curl, and the path names the action.
  if ((base === 'curl' || base === 'wget' || base === 'http') && args.some((a) => /instance-operations\/terminate|\/instances\/[^\s/]+\/(?:terminate|destroy)\b/.test(a))) return 'a terminate call to the API';
  return undefined;
}

/**
 * Whether a command checks that a copy arrived whole: a checksum check against a manifest, a byte comparison,
 * a tree comparison, rclone's own check, or a script of the reader's named for the check.
 */
export function verification(all: string[]): boolean {
  const words = program(all);
  const [cmd, ...args] = words;
  if (!cmd) return false;
  const base = cmd.split('/').pop()!;
  if (/^(?:sha\d*sum|md5sum|b2sum|shasum|cksum|xxhsum|b3sum)$/.test(base)) return has(args, '-c', '--check') || args.some((a) => /^-[a-zA-Z]*c[a-zA-Z]*$/.test(a) && !/^-a/.test(a));
  if (base === 'cmp' || base === 'diff') return true;
  if (base === 'rclone' && has(args, 'check', 'checksum', 'cryptcheck')) return true;
  if (base === 'rsync' && args.some((a) => a === '--checksum' || /^-[a-zA-Z]*c[a-zA-Z]*$/.test(a)) && has(args, '--dry-run', '-n') ) return true;
  return /^(?:verify|check)[\w.-]*$/i.test(base);
}

/** `set -e`, `set -eu`, `set -euo pipefail`, `set -o errexit`: a failing command stops the rest. */
const errexit = (words: string[]) => words[0] === 'set' && (words.some((w) => /^-[a-zA-Z]*e[a-zA-Z]*$/.test(w)) || (words.includes('-o') && words.includes('errexit')));

/**
 * Whether the teardown at `index` of `list` runs only when a verification before it succeeded: every
 * operator from that check to the teardown is `&&` (a `;`, `||`, `|` or `&` lets it run after a failure).
 */
function chainedToCheck(list: Command[], index: number): boolean {
  for (let i = index; i > 0; i--) {
    if (list[i].after !== '&&') return false;
    if (verification(list[i - 1].words)) return true;
  }
  return false;
}

export default defineRule({
  id: 'no-unverified-teardown',
  description: 'A shell block destroys an instance, volume or pod only after a check that the copy out of it arrived whole',
  severity: 'error',
  kinds: ['gotcha', 'profile', 'reference', 'catalog'],
  scope: 'file',
  check(file, ctx) {
    const tree = file.tree;
    if (!tree) return;
    const blocks = shellBlocks(tree);
    if (!blocks.length) return;
    const at = pointFinder(file.text);
    for (const block of blocks) {
      const physical = block.value.split('\n');
      const starts = lineStarts(file.text, block);
      let stopsOnError = false;
      let checkedUnderErrexit = false;
      // One entry per open `if`: true while inside the `then` branch of an `if <check>`.
      const ifs: boolean[] = [];
      for (const logical of logicalLines(block.value)) {
        const list = commandList(logical.text);
        list.forEach((c, i) => {
          if (errexit(c.words)) stopsOnError = true;
          const head = c.words[0];
          if (head === 'if') ifs.push(verification(c.words.slice(1)));
          else if (head === 'else' || head === 'elif') ifs[ifs.length - 1] = false;
          else if (head === 'fi') ifs.pop();
          const what = teardown(c.words);
          if (what) {
            if (chainedToCheck(list, i) || (stopsOnError && checkedUnderErrexit) || ifs.includes(true)) return;
            const start = starts[logical.first] >= 0 ? starts[logical.first] : (block.position?.start.offset ?? 0);
            const text = physical[logical.first].trim();
            ctx.report(file, {
              message: `Unexpected ${what} not gated on a verified copy, expected it in an \`&&\` chain after a checksum or manifest check (or under \`set -e\` after one)`,
              place: { start: at(start), end: at(start + text.length) },
              note: `A reader pastes this block on the box. If the copy before it failed or arrived short, this still runs and the only other copy is gone. Line: \`${text.slice(0, 100)}\``,
            });
            return;
          }
          // A check only protects what follows under errexit when its failure is not caught on the spot.
          const next = list[i + 1];
          if (stopsOnError && verification(c.words) && next?.after !== '||' && c.after !== '||') checkedUnderErrexit = true;
        });
      }
    }
  },
});
