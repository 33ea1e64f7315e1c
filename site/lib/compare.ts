/**
 * Comparison tables, computed from profile frontmatter only. Pure functions over `{id, data}` pairs so they can
 * be tested without a build; the /compare/ pages only render what these return.
 */
import { durationHours, type Profile } from '../../lint/src/schema/index.ts';

export interface ProfileRef { id: string; data: Profile }

const sorted = (profiles: readonly ProfileRef[]) => [...profiles].sort((a, b) => a.data.order - b.data.order || a.data.title.localeCompare(b.data.title));

/** One row per platform × storage tier, with the durable mount of each platform named. */
export function survivalRows(profiles: readonly ProfileRef[]) {
  return sorted(profiles).flatMap((p) =>
    p.data.storage.map((t, i) => ({
      platform: p.id,
      title: p.data.title,
      first: i === 0,
      span: p.data.storage.length,
      tier: t.tier,
      path: t.path,
      survivesStop: t.survivesStop,
      survivesDestroy: t.survivesDestroy,
      cap: t.cap,
      durable: t.durable,
      stopVerb: p.data.meter.stopVerb,
    })),
  );
}

/** The durable mount to checkpoint to on each platform (the tier marked `durable`, else the first that survives destroy). */
export function durableMount(p: ProfileRef): string | undefined {
  const tier = p.data.storage.find((t) => t.durable) ?? p.data.storage.find((t) => t.survivesDestroy === true);
  return tier?.path;
}

export function teardownRows(profiles: readonly ProfileRef[]) {
  return sorted(profiles).map((p) => ({
    platform: p.id,
    title: p.data.title,
    verb: p.data.meter.stopVerb,
    irreversible: p.data.meter.irreversible,
    stopStillBills: p.data.meter.stopStillBills,
    durable: durableMount(p),
  }));
}

/** Every danger clock of every platform, soonest first; event-driven clocks (no duration) last. */
export function dangerClockRows(profiles: readonly ProfileRef[]) {
  return sorted(profiles)
    .flatMap((p) => p.data.dangerClocks.map((c) => ({ platform: p.id, title: p.data.title, ...c, hours: c.after ? durationHours(c.after) : undefined })))
    .sort((a, b) => (a.hours ?? Infinity) - (b.hours ?? Infinity) || a.title.localeCompare(b.title));
}

/** Who decides the host driver and the CUDA in the images, and where to read it, per platform. */
export function driverRows(profiles: readonly ProfileRef[]) {
  return sorted(profiles).map((p) => ({ platform: p.id, title: p.data.title, ...p.data.driver }));
}

export function spotRows(profiles: readonly ProfileRef[]) {
  return sorted(profiles).map((p) => ({ platform: p.id, title: p.data.title, ...p.data.spot }));
}

/** One row per platform, plus one per listed variant with its differing values merged over the main set. */
export function overrideRows(profiles: readonly ProfileRef[]) {
  return sorted(profiles).flatMap((p) => [
    { platform: p.id, title: p.data.title, variant: undefined as string | undefined, overrides: p.data.overrides },
    ...Object.entries(p.data.overrideVariants).map(([variant, values]) => ({
      platform: p.id,
      title: p.data.title,
      variant,
      overrides: { ...p.data.overrides, ...Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) } as Profile['overrides'],
    })),
  ]);
}

/** `export NAME=value` lines for the variables the templates read (SCRATCH and DETACH are applied by hand). */
export function exportLines(overrides: Profile['overrides']): string {
  const quote = (v: string) => (v !== '' && /^[\w./:@~$-]*$/.test(v) ? v : `'${v.split("'").join(`'\\''`)}'`);
  return (['DATA_DIR', 'DURABLE_DIR', 'PROXY_HOOK', 'CRED_FILE', 'HF_HOME'] as const).map((k) => `export ${k}=${quote(overrides[k])}`).join('\n');
}

/** A duration in words for a table cell (`36h` → `1.5 days`). */
export function humanDuration(hours: number | undefined, raw?: string): string {
  const d = durationParts(hours);
  return d ? `${d.n} ${d.unit}${d.n === 1 ? '' : 's'}` : (raw ?? 'on the event');
}

/** The number and unit humanDuration shows, for a page that words them in another language. */
export function durationParts(hours: number | undefined): { n: number; unit: 'minute' | 'hour' | 'day' } | undefined {
  if (hours === undefined) return undefined;
  if (hours < 1) return { n: Math.round(hours * 60), unit: 'minute' };
  if (hours < 48) return { n: +hours.toFixed(1), unit: 'hour' };
  return { n: +(hours / 24).toFixed(1), unit: 'day' };
}

/** What a tier's data does under one action: kept, wiped, or the question does not apply there. */
export type Fate = 'kept' | 'wiped' | 'n/a';
const fateOf = (survives: boolean | null): Fate => (survives === null ? 'n/a' : survives ? 'kept' : 'wiped');

/**
 * Whether a tier still bills while stopped. A profile that does not say is shown as not recorded, never guessed;
 * but a tier whose `cap` or `note` states a storage price (`$0.29/GB/month`, `0.15 元/GB/month`) is `priced`,
 * with that price, since "not recorded" would deny a fact the profile gives.
 */
export type StoppedBilling = 'bills' | 'free' | 'n/a' | 'priced' | 'not recorded';

/**
 * A storage price in a profile's free text: an amount with a currency, per GB/GiB/TB and per period. Bounded
 * pieces only, so a long note cannot make it backtrack.
 */
const PRICE = /(?:(?:US)?\$|€|¥|￥)\s?\d{1,6}(?:\.\d{1,6})?\s?\/\s?(?:GB|GiB|TB|TiB)(?:\s?\/\s?(?:hour|hr|h|day|month|mo))?|\d{1,6}(?:\.\d{1,6})?\s?(?:元|USD|RMB|CNY)\s?\/\s?(?:GB|GiB|TB|TiB)(?:\s?\/\s?(?:hour|hr|h|day|month|mo))?/i;

/** The storage price a tier's text states, if any. */
export const statedPrice = (...texts: (string | undefined)[]): string | undefined => {
  for (const t of texts) {
    const m = t ? PRICE.exec(t) : null;
    if (m) return m[0];
  }
  return undefined;
};

const billingOf = (bills: boolean | null | undefined, price: string | undefined): StoppedBilling =>
  bills === undefined ? (price ? 'priced' : 'not recorded') : bills === null ? 'n/a' : bills ? 'bills' : 'free';

/**
 * Danger clocks that start when an instance is stopped (or left stopped): they decide how long "a stop keeps
 * my data" stays true. Triggers are free text, so this reads the words profiles use for a stop; an
 * auto-shutdown policy is a cause of a stop, not a clock started by one, and is left out.
 */
const STOP_TRIGGER = /(?<!auto-)\b(?:stop(?:ped|s)?|shut ?down)\b|关机|powered[- ]off/i;

/**
 * One row per platform for "which platforms keep my data after a stop, and which still bill me while
 * stopped": every tier's path with its fate under a stop and under destroy/terminate/release, what a stopped
 * instance still bills, the clocks a stop starts, and the profile's provenance for the badge on each cell.
 */
export function stopAndBillingRows(profiles: readonly ProfileRef[]) {
  return sorted(profiles).map((p) => ({
    platform: p.id,
    title: p.data.title,
    provenance: { verified: p.data.verified, carried_over: p.data.carried_over },
    verb: p.data.meter.stopVerb,
    irreversible: p.data.meter.irreversible,
    stopStillBills: p.data.meter.stopStillBills,
    /** True when no tier has a stop state at all (Lambda): the stop columns then say so once. */
    noStop: p.data.storage.every((t) => t.survivesStop === null),
    tiers: p.data.storage.map((t) => ({
      tier: t.tier,
      path: t.path,
      durable: t.durable,
      stop: fateOf(t.survivesStop),
      destroy: fateOf(t.survivesDestroy),
      bills: billingOf(t.billsWhileStopped, statedPrice(t.cap, t.note)),
      price: statedPrice(t.cap, t.note),
    })),
    stopClocks: p.data.dangerClocks.filter((c) => STOP_TRIGGER.test(c.trigger)).map((c) => ({ ...c, hours: c.after ? durationHours(c.after) : undefined })),
  }));
}
