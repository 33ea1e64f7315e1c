/**
 * Which facts go in the money/data class: the ones where a mistake bills someone or loses their data, which a
 * maintainer re-checks first. A gotcha's `cost` alone is too wide: `[time, money]` mostly means "a bad run
 * wastes paid GPU hours" (a wrong learning rate, poor samples), which any slow mistake does. So:
 *
 * - `data` in `cost` → money/data (a checkpoint, volume or dataset can be lost);
 * - `money` in `cost` → money/data only when a tag says the fact is about the meter or storage lifetime
 *   (`METER_TAGS`: billing, teardown, storage, spot, egress and the like);
 * - a profile's frontmatter (meter, storage survival, danger clocks), a danger clock, and an inline stamp in
 *   a profile's `Storage` or `Teardown and billing` section → money/data;
 * - everything else → other.
 */
export type StaleRisk = 'money-data' | 'other';

/** Tags that put a `money` gotcha on the meter: what keeps billing, what a stop or teardown deletes. */
export const METER_TAGS = [
  'billing',
  'cost',
  'credits',
  'balance',
  'teardown',
  'stop',
  'idle',
  'storage',
  'volume',
  'deletion',
  'snapshot',
  'backup',
  'spot',
  'preemption',
  'interruptible',
  'egress',
  'pricing',
  'quota',
] as const;

/** Profile sections whose facts decide whether a user is billed or loses data. */
export const MONEY_DATA_SECTIONS = ['Storage', 'Teardown and billing'] as const;

const meter = new Set<string>(METER_TAGS);

/** The class of a gotcha from its `cost` and `tags` (unvalidated frontmatter is tolerated). */
export function gotchaRisk(cost: readonly string[], tags: readonly string[]): StaleRisk {
  if (cost.includes('data')) return 'money-data';
  if (cost.includes('money') && tags.some((t) => meter.has(t))) return 'money-data';
  return 'other';
}
