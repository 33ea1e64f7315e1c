/**
 * "Report this error": what a pasted log becomes before a reader sends it to the repository's new-gotcha
 * form. Pure (the paste panel and the /diagnose/ page run it in the browser; nothing here sends anything).
 *
 * Masking errs on the side of hiding: a token, a password after `key=`, an e-mail, an IP address, a host name
 * (a fully qualified one, or one in the places launchers print them: `user@host`, `host:pid:tid`, `[host]:port`,
 * `host=`/`MASTER_ADDR=`), and the user name of a home folder each become a placeholder. What a maintainer
 * needs to match the error stays: the message, exception names, exit codes, library paths, the public
 * services a download failed from (huggingface.co, pypi.org …), and whether an address was loopback or private.
 * Every pattern is linear (no nested quantifiers) and runs on lines already cut to a bounded length.
 */
import { readLog } from '../../lint/src/diagnose/lines.ts';

export type MaskKind = 'secret' | 'email' | 'ip' | 'host' | 'home';

export interface Masked {
  text: string;
  /** How many of each kind were replaced. */
  counts: Record<MaskKind, number>;
}

/** Public services whose names say where a download or upload failed; a reader's own machines are not here. */
const PUBLIC_DOMAINS = [
  'huggingface.co', 'hf.co', 'hf-mirror.com', 'github.com', 'githubusercontent.com', 'pypi.org', 'pythonhosted.org', 'pytorch.org',
  'nvidia.com', 'ngc.nvidia.com', 'nvcr.io', 'docker.io', 'docker.com', 'wandb.ai', 'wandb.com', 'comet.com', 'neptune.ai', 'mlflow.org',
  'anaconda.org', 'anaconda.com', 'conda.io', 'condaforge.org', 'ubuntu.com', 'debian.org', 'kaggle.com', 'google.com', 'googleapis.com',
  'amazonaws.com', 'azure.com', 'windows.net', 'cloudflare.com', 'runpod.io', 'vast.ai', 'lambdalabs.com', 'paperspace.com', 'autodl.com',
  'aliyun.com', 'tsinghua.edu.cn', 'ustc.edu.cn', 'modelscope.cn', 'python.org', 'rust-lang.org', 'npmjs.org', 'localhost',
];
/** Name endings that make a dotted word a host rather than a module or a file. */
const TLDS = 'com|net|org|io|ai|co|cn|dev|app|cloud|internal|local|lan|corp|edu|gov|uk|de|fr|jp|kr|ru|us|eu|xyz|tech|intra';

const zero = (): Record<MaskKind, number> => ({ secret: 0, email: 0, ip: 0, host: 0, home: 0 });

const isPublic = (host: string) => {
  const h = host.toLowerCase().replace(/\.$/, '');
  return PUBLIC_DOMAINS.some((d) => h === d || h.endsWith(`.${d}`)) && !/^[\w-]+\.s3[.-]/.test(h); // a bucket's own name is the reader's
};

function privateV4(ip: string): boolean {
  const [a, b] = ip.split('.').map(Number);
  return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127) || (a === 169 && b === 254);
}

// Named keys whose value is a credential: `HF_TOKEN=…`, `password: …`, `"api_key": "…"`. Not `eos_token_id`.
const KEYED_SECRET = /(?<![A-Za-z0-9])((?:[A-Za-z0-9]+_)?(?:api_?key|apikey|access_?key|secret(?:_?key)?|token|password|passwd|pwd|auth|authorization|credentials?|private_?key|cookie|session_?id)["']?\s{0,3}[:=]\s{0,3}["']?)(?!<)([^\s"',;]{3,})/gi;
const BEARER = /\b((?:Bearer|Basic|token)\s{1,3})([A-Za-z0-9._~+/=-]{12,})/g;
// Tokens that announce themselves by their shape, whatever key they sit under.
const TOKEN_SHAPES = [
  /\bhf_[A-Za-z0-9]{20,}/g,
  /\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})/g,
  /\bsk-(?:ant-|proj-)?[A-Za-z0-9_-]{16,}/g,
  /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g,
  /\bxox[abprs]-[A-Za-z0-9-]{10,}/g,
  /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, // a JWT
  /\b(?:glpat|npm|pypi)-[A-Za-z0-9_-]{16,}/g,
  /\bpypi-[A-Za-z0-9_-]{16,}/g,
];
/** Signed URL parameters: the signature is a credential even when the path is harmless. */
const SIGNED_PARAM = /([?&](?:X-Amz-Signature|X-Amz-Credential|X-Amz-Security-Token|Signature|sig|token|access_token|key|se|sv|st)=)([^&\s"']{4,})/gi;
/** `scheme://user:password@host`: both halves of the credential go. */
const URL_CREDENTIAL = /(\b[a-z][a-z0-9+.-]{1,20}:\/\/)([^\s:/@]{1,100}):([^\s/@]{1,200})@/gi;
/** A long run mixing upper case, lower case and digits (base64-ish): a key more often than anything else. */
const OPAQUE = /(?<![A-Za-z0-9_/.-])[A-Za-z0-9+/_-]{32,}={0,2}(?![A-Za-z0-9_/.-])/g;
const EMAIL = /(?<![\w.+-])[\w.+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,8}\b/g;
const IPV4 = /(?<![\w.])(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?![\w]|\.\d)/g;
const IPV6 = /(?<![\w:])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?:%[\w.-]{1,20})?(?![\w:])/g;
/** A dotted name with a host's ending: `gpu-17.cluster.internal`, `login.example.edu`. */
const FQDN = new RegExp(`(?<![\\w.@-])(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.){1,8}(?:${TLDS})(?![\\w-]|\\.[A-Za-z0-9])`, 'gi');
/** `user@host` as a shell prompt prints it (after e-mails are gone). */
const PROMPT = /(?<![\w.-])([A-Za-z_][\w.-]{0,31})@([A-Za-z0-9][\w.-]{0,62})(?=[:\s]|$)/g;
/** Keys whose value is a machine: launchers' `host=`, `MASTER_ADDR=`, torchrun's failure table `host : …`. */
const KEYED_HOST = /\b((?:host(?:_?name)?|node_?name|nodelist|master_addr|rdzv_endpoint|BatchHost)["']?\s{0,12}[:=]\s{0,3}["'[]?)(?!<)([A-Za-z0-9][\w.\-[\],]{0,200})/gi;
/** NCCL's own line prefix `host:pid:tid [rank] NCCL …`, and `[host]:port` of c10d's socket messages. */
const NCCL_PREFIX = /^(\s*(?:\[\w+\]:?\s*)?)([A-Za-z0-9][\w.-]{0,63})(:\d{1,7}:\d{1,7}\s+\[)/;
const BRACKET_PORT = /\[([A-Za-z][\w.-]{0,63})\](:\d{2,5})/g;
/** c10d's other form: `trying to connect to (node001, 29500)`. */
const PAREN_PORT = /\(([A-Za-z][\w.-]{0,63}), (\d{2,5})\)/g;
/** The user folder of a home path: /home/alice, /Users/alice, C:\Users\alice, /mnt/home/alice. */
const HOME = /((?:\/|\b)(?:home|Users|usr\/home)[/\\])(?!<)([^/\\\s:'"]{1,64})/g;
const WIN_HOME = /\b([A-Za-z]:\\(?:Users|Documents and Settings)\\)([^\\\s:'"]{1,64})/g;
const TILDE_USER = /(^|[\s'"=:(])~([a-z_][\w-]{0,31})(?=\/)/g;

/** AWS-style names spell the private address out: `ip-10-0-1-2`. */
const SPELLED_IP = /\bip-\d{1,3}-\d{1,3}-\d{1,3}-\d{1,3}\b/g;

const LOOPBACK_HOSTS = new Set(['localhost', 'ip6-localhost']);

/** Mask one line; `counts` is increased in place. */
function maskLine(line: string, counts: Record<MaskKind, number>): string {
  let s = line;
  const hit = (kind: MaskKind, placeholder: string) => {
    counts[kind]++;
    return placeholder;
  };
  // Credentials first, before any pattern below could cut one in two.
  s = s.replace(URL_CREDENTIAL, (_, scheme) => `${scheme}${hit('secret', '<user>')}:<secret>@`);
  s = s.replace(SIGNED_PARAM, (_, key) => `${key}${hit('secret', '<secret>')}`);
  s = s.replace(BEARER, (_, word) => `${word}${hit('secret', '<secret>')}`);
  s = s.replace(KEYED_SECRET, (_, key) => `${key}${hit('secret', '<secret>')}`);
  for (const re of TOKEN_SHAPES) s = s.replace(re, () => hit('secret', '<token>'));
  s = s.replace(OPAQUE, (m) => (/[A-Z]/.test(m) && /[a-z]/.test(m) && /\d/.test(m) ? hit('secret', '<token>') : m));
  s = s.replace(EMAIL, () => hit('email', '<email>'));
  s = s.replace(HOME, (_, head) => `${head}${hit('home', '<user>')}`);
  s = s.replace(WIN_HOME, (_, head) => `${head}${hit('home', '<user>')}`);
  s = s.replace(TILDE_USER, (_, before) => `${before}~${hit('home', '<user>')}`);
  s = s.replace(IPV4, (m, a, b, c, d) => {
    if ([a, b, c, d].some((x: string) => Number(x) > 255)) return m;
    if (a === '127' || m === '0.0.0.0' || m === '255.255.255.255') return m; // names no machine
    return hit('ip', privateV4(m) ? '<private-ip>' : '<ip>');
  });
  s = s.replace(IPV6, (m) => {
    const bare = m.replace(/%.*$/, '');
    const groups = bare.split(':');
    const compressed = bare.includes('::');
    // Times (12:30:45) and C++ scopes are not addresses: an address has `::` or eight groups, and a hex letter or a zero run.
    if (!(compressed || groups.length === 8) || groups.some((g) => g.length > 4)) return m;
    if (bare === '::' || bare === '::1' || !/[0-9a-f]/i.test(bare)) return m;
    if (!compressed && !/[a-f]/i.test(bare)) return m;
    return hit('ip', /^f[cd]|^fe80/i.test(bare) ? '<private-ip>' : '<ip>');
  });
  s = s.replace(SPELLED_IP, () => hit('ip', '<private-ip>'));
  s = s.replace(PROMPT, (m, _user, host) => (isPublic(host) ? m : `${hit('host', '<user>')}@<host>`));
  s = s.replace(NCCL_PREFIX, (m, before, host, after) => (LOOPBACK_HOSTS.has(host) ? m : `${before}${hit('host', '<host>')}${after}`));
  s = s.replace(BRACKET_PORT, (m, host, port) => (LOOPBACK_HOSTS.has(host.toLowerCase()) || host.startsWith('<') ? m : `[${hit('host', '<host>')}]${port}`));
  s = s.replace(PAREN_PORT, (m, host, port) => (LOOPBACK_HOSTS.has(host.toLowerCase()) ? m : `(${hit('host', '<host>')}, ${port})`));
  s = s.replace(KEYED_HOST, (m, key, value: string) => {
    if (value.startsWith('<') || LOOPBACK_HOSTS.has(value.toLowerCase()) || /^\d+$/.test(value) || isPublic(value)) return m;
    return `${key}${hit('host', '<host>')}`;
  });
  s = s.replace(FQDN, (m) => (isPublic(m) || /\.(?:py|cpp|cu|h|so|json|yaml|yml|txt|log|sh|md)$/i.test(m) ? m : hit('host', '<host>')));
  return s;
}

/** Mask a text line by line. */
export function maskReport(text: string): Masked {
  const counts = zero();
  const out = text.split('\n').map((line) => maskLine(line.slice(0, LINE_MAX), counts));
  return { text: out.join('\n'), counts };
}

/** Characters kept of one line in a report; a longer line is cut (and says so). */
const LINE_MAX = 600;
/** Lines and characters a report carries: an issue form's URL has to stay within what GitHub accepts. */
export const REPORT_LINES = 60;
export const REPORT_CHARS = 4000;

/**
 * The lines of a paste worth reporting, in their order: every line that carries an error and the last lines
 * (where the run died), at most REPORT_LINES and REPORT_CHARS, with `[…]` where lines were left out.
 */
export function reportLines(paste: string): string {
  const raw = paste.replace(/\r\n?/g, '\n').split('\n');
  const wanted = new Set<number>();
  const tail = Math.max(0, raw.length - 8);
  for (let i = tail; i < raw.length; i++) if (raw[i].trim()) wanted.add(i);
  for (const line of readLog(paste).lines) if (line.weight > 0) wanted.add(line.number - 1);
  // The last error lines matter most: keep from the end backwards until the budget is spent.
  const picked: number[] = [];
  let chars = 0;
  for (const i of [...wanted].sort((a, b) => b - a)) {
    const line = raw[i].length > LINE_MAX ? `${raw[i].slice(0, LINE_MAX)} […]` : raw[i];
    if (picked.length >= REPORT_LINES || chars + line.length > REPORT_CHARS) break;
    picked.push(i);
    chars += line.length + 1;
  }
  picked.sort((a, b) => a - b);
  const out: string[] = [];
  picked.forEach((i, k) => {
    if ((k === 0 && i > 0) || (k > 0 && i !== picked[k - 1] + 1)) out.push('[…]');
    out.push(raw[i].length > LINE_MAX ? `${raw[i].slice(0, LINE_MAX)} […]` : raw[i]);
  });
  return out.join('\n').trimEnd();
}

/** What goes to the form: the chosen lines of the paste, masked. */
export function prepareReport(paste: string): Masked {
  return maskReport(reportLines(paste));
}

/** A short title from the last line that reads as an error, masked already. */
export function reportTitle(masked: string): string {
  const all = readLog(masked).lines.filter((l) => l.text !== '[…]');
  const lines = all.some((l) => l.weight > 0) ? all.filter((l) => l.weight > 0) : all.slice(-1);
  const best = [...lines].sort((a, b) => b.weight - a.weight || b.number - a.number)[0];
  const text = (best?.text ?? '').replace(/\s+/g, ' ').trim();
  return `[gotcha] ${text.length > 90 ? `${text.slice(0, 89)}…` : text}`.trimEnd();
}

/** The sentence the Symptom field opens with, above the lines; the panel shows it too. */
export const REPORT_PREFACE = "Pasted into the guide's diagnosis, which found no page that explains it (masked before sending):";

/** The new-gotcha issue form's URL, its Symptom field filled with the (masked) text the reader saw. */
export function reportUrl(repository: string, masked: string): string {
  const fence = masked.includes('```') ? '~~~~' : '```';
  const symptom = `${REPORT_PREFACE}\n\n${fence}text\n${masked}\n${fence}\n`;
  const params = new URLSearchParams({ template: 'new-gotcha.yml', title: reportTitle(masked), symptom });
  return `${repository.replace(/\/+$/, '')}/issues/new?${params}`;
}

/** Human words for the counts: "2 IP addresses, 1 home folder". */
export function describeMasks(counts: Record<MaskKind, number>): string {
  const names: Record<MaskKind, [string, string]> = {
    secret: ['secret or token', 'secrets or tokens'],
    email: ['e-mail address', 'e-mail addresses'],
    ip: ['IP address', 'IP addresses'],
    host: ['host name', 'host names'],
    home: ['home folder name', 'home folder names'],
  };
  const parts = (Object.keys(names) as MaskKind[]).filter((k) => counts[k]).map((k) => `${counts[k]} ${names[k][counts[k] === 1 ? 0 : 1]}`);
  return parts.length ? parts.join(', ') : 'nothing that looked private';
}
