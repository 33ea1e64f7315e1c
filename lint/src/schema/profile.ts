/**
 * Platform profile frontmatter: the machine-readable facts that comparison pages are generated from.
 * The nine body sections are checked by the `profile-sections` lint rule.
 */
import { z } from 'astro/zod';
import { SourcesSchema } from './source.ts';
import { VerifiedStampSchema } from './verified.ts';
import { CarriedOverSchema, exactlyOneProvenance, UncheckedSchema } from './provenance.ts';

/** The nine body sections of every profile, in order. */
export const PROFILE_SECTIONS = [
  'Launch',
  'Storage',
  'Network',
  'Spot and interruption',
  'Teardown and billing',
  'Daemon tool',
  'Top gotchas',
  'Debugging',
  'Script overrides',
] as const;

/** How the platform hands out machines. */
export const PROFILE_KINDS = ['ssh-rental', 'cloud-api', 'slurm', 'kubernetes', 'notebook', 'owned'] as const;

/** The variables the script templates read, by exactly these names. */
export const OVERRIDE_KEYS = ['DATA_DIR', 'DURABLE_DIR', 'PROXY_HOOK', 'CRED_FILE', 'SCRATCH', 'HF_HOME', 'DETACH'] as const;
type OverrideKey = (typeof OVERRIDE_KEYS)[number];

/** What each template variable holds; an editor shows it on hover of the key in `overrides`. */
const OVERRIDE_DOCS: Record<OverrideKey, string> = {
  DATA_DIR: 'The fast working disk that datasets and runs live on while training.',
  DURABLE_DIR: "Where checkpoints and results are copied so they outlive this platform's meter-stop verb.",
  PROXY_HOOK: 'A file the wrapper sources for proxy or mirror settings before downloading, or empty.',
  CRED_FILE: 'Where tokens live on the box, or empty when they are injected at launch.',
  SCRATCH: 'Space or files the templates treat as disposable and may prune once a run succeeds.',
  HF_HOME: 'The Hugging Face cache, placed on a disk with room for it.',
  DETACH: 'How a job is kept alive after the SSH session ends (`tmux`, `sbatch`), or none.',
};

/** The `overrides` object: every template variable, required or optional. */
function overridesObject<T extends z.ZodType>(value: () => T) {
  return z.strictObject(Object.fromEntries(OVERRIDE_KEYS.map((k) => [k, value().meta({ description: OVERRIDE_DOCS[k] })])) as Record<OverrideKey, T>);
}

/**
 * What an empty value means, in the words a template page and the comparison table show in its place (a blank
 * cell read as "not recorded", and a blank durable folder hid that the platform has none).
 */
export const OVERRIDE_EMPTY: Record<OverrideKey, string> = {
  DATA_DIR: 'the folder the script is started in',
  DURABLE_DIR: 'no durable tier: copy results off the box before it goes',
  PROXY_HOOK: 'none needed',
  CRED_FILE: 'none: tokens come in at launch',
  SCRATCH: 'nothing pruned',
  HF_HOME: "the library's default cache",
  DETACH: 'none',
};

/** A duration such as `30d`, `24h`, `90m`; parsed into hours for sorting danger clocks. */
export const DURATION_PATTERN = /^(\d+(?:\.\d+)?)(m|h|d)$/;

/** Hours in a duration string, or `undefined` when it does not parse. */
export function durationHours(value: string): number | undefined {
  const m = DURATION_PATTERN.exec(value);
  if (!m) return undefined;
  const n = Number(m[1]);
  return m[2] === 'm' ? n / 60 : m[2] === 'h' ? n : n * 24;
}

/** `true`, `false`, or `null` when the question does not apply (a box you own has no destroy). */
const Survives = z.union([z.boolean(), z.null()], { error: 'Expected `true`, `false` or `null` (not applicable)' });

export function StorageTierSchema() {
  return z.strictObject({
    tier: z.string().min(2)
      .meta({ description: 'Name of the tier as the platform calls it, e.g. `Network Volume`.' }),
    path: z.string().min(1)
      .meta({ description: 'Mount path, e.g. `/workspace`; `n/a` for object stores with no mount.' }),
    survivesStop: Survives
      .meta({ description: "Survives stopping the instance (the meter-stop verb's gentler sibling)." }),
    survivesDestroy: Survives
      .meta({ description: 'Survives destroy / terminate / release.' }),
    cap: z.string().optional()
      .meta({ description: 'Size or inode cap, free text (`~5 GB default`, `200K inodes`).' }),
    billsWhileStopped: Survives.optional()
      .meta({ description: 'Whether this tier keeps billing while the instance is stopped; `null` when there is no stop; omitted when not recorded.' }),
    durable: z.boolean().default(false)
      .meta({ description: "The tier to checkpoint to under this platform's meter-stop verb." }),
    note: z.string().optional()
      .meta({ description: 'What a reader must know that the booleans cannot say.' }),
  });
}

export function DangerClockSchema() {
  return z.strictObject({
    what: z.string().min(4)
      .meta({ description: 'What happens when it fires, e.g. `Stopped Pod and its volume disk are deleted`.' }),
    after: z
      .string()
      .regex(DURATION_PATTERN, { error: (i) => `Expected a duration such as \`30d\`, \`24h\` or \`90m\`, got \`${String(i.input)}\`` })
      .optional()
      .meta({ description: 'When it fires after its trigger (`30d`, `24h`), or omitted when it is event-driven.' }),
    trigger: z.string().min(3)
      .meta({ description: 'What starts the clock, e.g. `instance stopped`, `balance below zero`.' }),
    verified: VerifiedStampSchema().optional()
      .meta({ description: "The month this clock was checked, when it differs from the profile's." }),
  });
}

export function ProfileSchema() {
  return z.strictObject({
    title: z.string().min(2)
      .meta({ description: 'Display name, e.g. `RunPod`.' }),
    description: z.string().min(10)
      .meta({ description: 'One sentence: what this platform is and who uses it.' }),
    kind: z.enum(PROFILE_KINDS, { error: (i) => `Expected one of ${PROFILE_KINDS.map((k) => `\`${k}\``).join(', ')}, got \`${String(i.input)}\`` })
      .meta({ description: 'How the platform hands out machines: `ssh-rental`, `cloud-api`, `slurm`, `kubernetes`, `notebook` or `owned`.' }),
    meter: z.strictObject({
      stopVerb: z.string().min(1)
        .meta({ description: 'The action that stops billing (`terminate`, `destroy`, `关机`, `none`).' }),
      irreversible: z.boolean()
        .meta({ description: 'Whether that action destroys data.' }),
      stopStillBills: z.string().min(3)
        .meta({ description: 'What still bills after the gentler stop, or `nothing`.' }),
    })
      .meta({ description: 'What stops billing, whether it destroys data, and what a gentler stop still bills.' }),
    detach: z.strictObject({
      primitive: z.string().min(2)
        .meta({ description: 'The command or mechanism that detaches it (`tmux`, `sbatch`, `k8s Job`).' }),
      survivesRestart: z.boolean()
        .meta({ description: 'Whether a detached job is still running after the instance restarts.' }),
    })
      .meta({ description: 'How a job outlives the SSH session (`tmux`, `sbatch`, `k8s Job`).' }),
    spot: z.strictObject({
      available: z.boolean()
        .meta({ description: 'Whether the platform sells interruptible (spot, preemptible, bid) capacity.' }),
      grace: z.string().min(1)
        .meta({ description: 'Warning before the kill (`~5s`, `30s`, `2m`), or `n/a`.' }),
      signal: z.string().min(2)
        .meta({ description: 'How a job learns it is being interrupted (`SIGTERM`, metadata endpoint, none).' }),
    })
      .meta({ description: 'Interruptible capacity: whether it exists, the warning before the kill, and how a job learns of it.' }),
    storage: z.array(StorageTierSchema()).min(1, { error: 'Expected at least one storage tier' })
      .meta({ description: 'Every storage tier with what survives a stop and a destroy; mark the tier to checkpoint to `durable: true`.' }),
    sharedFs: z.string().nullable()
      .meta({ description: 'Cross-instance shared filesystem, or `null` when there is none.' }),
    inodeCap: z.string().min(2)
      .meta({ description: 'Inode cap on the main data disk (`~200K`, `none`, `host-dependent`).' }),
    freeEgress: z.boolean()
      .meta({ description: 'Whether downloads and uploads are free.' }),
    chinaMirror: z.boolean()
      .meta({ description: 'Whether the region sits behind the GFW and needs mirrors or a proxy.' }),
    driver: z.strictObject({
      stack: z.string().min(10)
        .meta({ description: 'What the machines and images carry, e.g. `host driver varies per machine; CUDA comes with the chosen image`.' }),
      check: z.string().min(5)
        .meta({ description: 'Where to read the highest CUDA the driver supports: a listing filter, a console field, `nvidia-smi`.' }),
    })
      .meta({ description: 'Host driver and CUDA: who decides them on this platform and how to read them before a job depends on them.' }),
    dangerClocks: z.array(DangerClockSchema()).default([])
      .meta({ description: 'Timers that release instances or delete data (auto-release, low balance, idle shutdown).' }),
    overrides: overridesObject(() => z.string())
      .meta({ description: "Values for the script templates' variables on this platform (its main variant when there are several)." }),
    overrideVariants: z
      .record(z.string().min(2), overridesObject(() => z.string().optional()))
      .default({})
      .meta({ description: "Other variants of the platform (a family profile's members, a product's two modes) and the values that differ from `overrides` there, e.g. `{ Gpushare: { DATA_DIR: /hy-tmp } }`." }),
    sources: SourcesSchema()
      .meta({ description: 'Where the facts above can be checked.' }),
    verified: VerifiedStampSchema().optional()
      .meta({ description: 'Month someone compared the facts with a quoted source (a `sources` entry with `quote` and `checked` that month).' }),
    carried_over: CarriedOverSchema().optional()
      .meta({ description: 'Instead of `verified`: taken from another knowledge base and not checked here yet.' }),
    unchecked: UncheckedSchema().optional()
      .meta({ description: 'On a checked page: what on it was not compared with a source (the badge then says partly checked).' }),
    order: z.number().int().default(100)
      .meta({ description: 'Sidebar order among profiles.' }),
  }).superRefine(exactlyOneProvenance());
}

export type ProfileInput = z.input<ReturnType<typeof ProfileSchema>>;
export type Profile = z.output<ReturnType<typeof ProfileSchema>>;
