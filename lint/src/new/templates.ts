/**
 * The text of freshly scaffolded pages. Every value the author must supply is the literal `TODO` (or a
 * typed default followed by a `# TODO` comment), and the `no-todo` rule rejects the file until each is gone.
 */
import { OVERRIDE_KEYS, PROFILE_KINDS, PROFILE_SECTIONS } from '../schema/profile.ts';
import { COSTS } from '../schema/ids.ts';
import { GOTCHA_SECTIONS } from '../rules/gotcha-structure/index.ts';

/** The placeholder URL in `sources`: a valid https URL, so only `no-todo` (not the schema) has to object. */
export const TODO_URL = 'https://example.com/TODO';

/**
 * The placeholder passage. A new page is *checked*, not carried over: it is written from a source someone
 * read, so the scaffold asks for that passage and stamps this month in `checked` and `verified`. `no-todo`
 * rejects the page until the quote is real; `quoted-source` then holds the two months together.
 */
export const QUOTE_TODO = 'TODO: copy, word for word, the sentence or two on that page that say the fact';

/** A YAML double-quoted scalar (JSON strings are valid YAML). */
const q = (s: string) => JSON.stringify(s);

/** The `sources` and `verified` lines of a new page: one source to fill in, quoted and checked this month. */
const checkedSource = (month: string, what: string) => `sources:
  - title: "TODO: the page where a reader can check ${what}"
    url: ${TODO_URL}
    quote: ${q(QUOTE_TODO)}
    checked: ${month}   # the month you compared the facts with the quote above
verified: ${month}   # equal to a source's \`checked\`: the month you compared the facts with their quotes`;

const GOTCHA_PROMPTS: Record<(typeof GOTCHA_SECTIONS)[number], string> = {
  Symptom: 'TODO: what the reader sees first. Quote the exact error text or log line, and say when it shows up.',
  'Root cause': 'TODO: the mechanism, in plain steps: which component does what, and why that produces the symptom.',
  Fix: 'TODO: what to do about it, with the commands. Split into `### Prevent` and `### Recover` if both apply.',
};

export interface GotchaDraft {
  id: string;
  title: string;
  catalog: string;
  /** Profile ids, or `['all']`. */
  platforms: string[];
  /** `YYYY-MM`. */
  month: string;
}

export function gotchaText(d: GotchaDraft): string {
  const body = GOTCHA_SECTIONS.map((name) => `## ${name}\n\n${GOTCHA_PROMPTS[name]}\n`).join('\n');
  return `---
id: ${d.id}
title: ${q(d.title)}
catalog: ${d.catalog}
platforms: [${d.platforms.join(', ')}]   # profile ids from content/profiles/, or [all]
tags: []
cost: [TODO]   # one or more of ${COSTS.join(', ')}: what it costs the reader when it bites
keywords: []   # exact error strings and the words people search for
${checkedSource(d.month, 'this')}
related: []
principles: []
scripts: []
---

${body}`;
}

export interface ProfileDraft {
  id: string;
  title: string;
  month: string;
}

const PROFILE_PROMPTS: Record<(typeof PROFILE_SECTIONS)[number], string> = {
  Launch: 'TODO: every way to get a machine (console, CLI, API), what the image or environment is, and what to pin.',
  Storage: 'TODO: each storage tier with its path, what survives stop and what survives destroy, caps and prices.',
  Network: 'TODO: SSH access, exposed ports, proxies, egress limits, mirrors.',
  'Spot and interruption': 'TODO: whether interruptible machines exist, the warning before the kill and how a job hears it.',
  'Teardown and billing': 'TODO: the action that stops the meter, what it destroys, what keeps billing after a gentler stop.',
  'Daemon tool': 'TODO: how a job outlives the SSH session here (tmux, a scheduler, a platform job runner).',
  'Top gotchas': 'TODO: links to the entries of this platform\'s catalog that bite most often, as `gotcha:` links.',
  Debugging: 'TODO: how to find out why a job died here: its logs, its console, its support channel, the usual failure signatures.',
  'Script overrides': 'TODO: the values the script templates need on this platform, with one line on each.',
};

/** What each script variable holds; the templates read the values literally, so the placeholder is `""`. */
const OVERRIDE_HINTS: Record<(typeof OVERRIDE_KEYS)[number], string> = {
  DATA_DIR: 'absolute path of the fast disk jobs work on',
  DURABLE_DIR: 'absolute path of the tier that survives teardown, or "" when there is none',
  PROXY_HOOK: '"", ":", a file path, or source FILE (never a command line)',
  CRED_FILE: 'path of the credentials file, or ""',
  SCRATCH: 'checkpoint file patterns to prune after a verified copy, e.g. latest.pth epoch_*.pth',
  HF_HOME: 'absolute path for the Hugging Face cache',
  DETACH: 'one word, e.g. tmux',
};

export function profileText(d: ProfileDraft): string {
  const overrides = OVERRIDE_KEYS.map((k) => `  ${k}: ""   # TODO: ${OVERRIDE_HINTS[k]}`).join('\n');
  const body = PROFILE_SECTIONS.map((name) => `## ${name}\n\n${PROFILE_PROMPTS[name]}\n`).join('\n');
  return `---
title: ${q(d.title)}
description: "TODO: one sentence on what this platform rents out and who uses it."
kind: TODO   # one of ${PROFILE_KINDS.join(', ')}
meter:
  stopVerb: "TODO"   # the action that stops billing, in the platform's own word
  irreversible: false   # TODO: true when that action destroys data
  stopStillBills: "TODO: what keeps billing after the gentler stop, or nothing"
detach:
  primitive: "TODO"   # how a job outlives the SSH session, e.g. tmux
  survivesRestart: false   # TODO: true when it survives a machine restart
spot:
  available: false   # TODO: true when interruptible machines exist
  grace: "TODO"   # warning before the kill, or n/a
  signal: "TODO"   # how the job is told, or none
storage:
  - tier: "TODO"
    path: "TODO"
    survivesStop: false   # TODO: true, false, or null when there is no stop
    survivesDestroy: false   # TODO: true, false, or null when there is no destroy
    billsWhileStopped: false   # TODO: true when it still bills while stopped, null when there is no stop; drop the line if no source says
    cap: "TODO"
    durable: false   # TODO: true for the tier checkpoints belong on
    note: "TODO"
sharedFs: "TODO"   # a shared filesystem, or null when there is none
inodeCap: "TODO"
freeEgress: false   # TODO: true when downloads and uploads are free
chinaMirror: false   # TODO: true when the region needs mirrors or a proxy
driver:
  stack: "TODO: who decides the host driver and what CUDA the images bring"
  check: "TODO: where to read the highest supported CUDA (listing filter, console, nvidia-smi)"
dangerClocks:
  - what: "TODO: what happens when it fires"
    trigger: "TODO: what starts the clock"
    # after: 30d   (a duration, when the clock has one)
overrides:   # read by the script templates exactly as written; explanations go in the body
${overrides}
overrideVariants: {}   # values that differ on other variants, e.g. { Gpushare: { DATA_DIR: /hy-tmp } }
${checkedSource(d.month, 'these facts')}
order: 100
---

TODO: two or three sentences on what shapes every workflow on this platform.

${body}`;
}
