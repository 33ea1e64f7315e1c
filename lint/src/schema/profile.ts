/**
 * Platform profile frontmatter: the machine-readable facts that comparison pages are generated from.
 * The nine body sections are checked by the `profile-sections` lint rule.
 */
import { z } from 'astro/zod';
import { SourcesSchema } from './source.ts';
import { VerifiedStampSchema } from './verified.ts';
import { CarriedOverSchema, exactlyOneProvenance } from './provenance.ts';

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
    /** Name of the tier as the platform calls it, e.g. `Network Volume`. */
    tier: z.string().min(2),
    /** Mount path, e.g. `/workspace`; `n/a` for object stores with no mount. */
    path: z.string().min(1),
    /** Survives stopping the instance (the meter-stop verb's gentler sibling). */
    survivesStop: Survives,
    /** Survives destroy / terminate / release. */
    survivesDestroy: Survives,
    /** Size or inode cap, free text (`~5 GB default`, `200K inodes`). */
    cap: z.string().optional(),
    /** The tier to checkpoint to under this platform's meter-stop verb. */
    durable: z.boolean().default(false),
    /** What a reader must know that the booleans cannot say. */
    note: z.string().optional(),
  });
}

export function DangerClockSchema() {
  return z.strictObject({
    /** What happens when it fires, e.g. `Stopped Pod and its volume disk are deleted`. */
    what: z.string().min(4),
    /** When it fires after its trigger (`30d`, `24h`), or omitted when it is event-driven. */
    after: z
      .string()
      .regex(DURATION_PATTERN, { error: (i) => `Expected a duration such as \`30d\`, \`24h\` or \`90m\`, got \`${String(i.input)}\`` })
      .optional(),
    /** What starts the clock, e.g. `instance stopped`, `balance below zero`. */
    trigger: z.string().min(3),
    /** The month this clock was checked, when it differs from the profile's. */
    verified: VerifiedStampSchema().optional(),
  });
}

export function ProfileSchema() {
  return z.strictObject({
    /** Display name, e.g. `RunPod`. */
    title: z.string().min(2),
    /** One sentence: what this platform is and who uses it. */
    description: z.string().min(10),
    /** How the platform hands out machines: `ssh-rental`, `cloud-api`, `slurm`, `kubernetes`, `notebook` or `owned`. */
    kind: z.enum(PROFILE_KINDS, { error: (i) => `Expected one of ${PROFILE_KINDS.map((k) => `\`${k}\``).join(', ')}, got \`${String(i.input)}\`` }),
    /** What stops billing, whether it destroys data, and what a gentler stop still bills. */
    meter: z.strictObject({
      /** The action that stops billing (`terminate`, `destroy`, `关机`, `none`). */
      stopVerb: z.string().min(1),
      /** Whether that action destroys data. */
      irreversible: z.boolean(),
      /** What still bills after the gentler stop, or `nothing`. */
      stopStillBills: z.string().min(3),
    }),
    /** How a job outlives the SSH session (`tmux`, `sbatch`, `k8s Job`). */
    detach: z.strictObject({
      primitive: z.string().min(2),
      survivesRestart: z.boolean(),
    }),
    /** Interruptible capacity: whether it exists, the warning before the kill, and how a job learns of it. */
    spot: z.strictObject({
      available: z.boolean(),
      /** Warning before the kill (`~5s`, `30s`, `2m`), or `n/a`. */
      grace: z.string().min(1),
      /** How a job learns it is being interrupted (`SIGTERM`, metadata endpoint, none). */
      signal: z.string().min(2),
    }),
    /** Every storage tier with what survives a stop and a destroy; mark the tier to checkpoint to `durable: true`. */
    storage: z.array(StorageTierSchema()).min(1, { error: 'Expected at least one storage tier' }),
    /** Cross-instance shared filesystem, or `null` when there is none. */
    sharedFs: z.string().nullable(),
    /** Inode cap on the main data disk (`~200K`, `none`, `host-dependent`). */
    inodeCap: z.string().min(2),
    /** Whether downloads and uploads are free. */
    freeEgress: z.boolean(),
    /** Whether the region sits behind the GFW and needs mirrors or a proxy. */
    chinaMirror: z.boolean(),
    /** Host driver and CUDA: who decides them on this platform and how to read them before a job depends on them. */
    driver: z.strictObject({
      /** What the machines and images carry, e.g. `host driver varies per machine; CUDA comes with the chosen image`. */
      stack: z.string().min(10),
      /** Where to read the highest CUDA the driver supports: a listing filter, a console field, `nvidia-smi`. */
      check: z.string().min(5),
    }),
    /** Timers that release instances or delete data (auto-release, low balance, idle shutdown). */
    dangerClocks: z.array(DangerClockSchema()).default([]),
    /** Values for the script templates' variables on this platform (its main variant when there are several). */
    overrides: z.strictObject(Object.fromEntries(OVERRIDE_KEYS.map((k) => [k, z.string()])) as Record<(typeof OVERRIDE_KEYS)[number], z.ZodString>),
    /**
     * Other variants of the platform (a family profile's members, a product's two modes) and the values that
     * differ from `overrides` there, e.g. `{ Gpushare: { DATA_DIR: /hy-tmp } }`.
     */
    overrideVariants: z
      .record(z.string().min(2), z.strictObject(Object.fromEntries(OVERRIDE_KEYS.map((k) => [k, z.string().optional()])) as Record<(typeof OVERRIDE_KEYS)[number], z.ZodOptional<z.ZodString>>))
      .default({}),
    /** Where the facts above can be checked. */
    sources: SourcesSchema(),
    /** Month someone compared the facts with a quoted source (a `sources` entry with `quote` and `checked` that month). */
    verified: VerifiedStampSchema().optional(),
    /** Instead of `verified`: taken from another knowledge base and not checked here yet. */
    carried_over: CarriedOverSchema().optional(),
    /** Sidebar order among profiles. */
    order: z.number().int().default(100),
  }).superRefine(exactlyOneProvenance());
}

export type ProfileInput = z.input<ReturnType<typeof ProfileSchema>>;
export type Profile = z.output<ReturnType<typeof ProfileSchema>>;
