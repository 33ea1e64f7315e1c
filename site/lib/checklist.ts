/**
 * The lifecycle checklist, parameterised by a profile's facts. Each item's text is a function of the profile,
 * so the page can render every platform's version at build time and let the reader switch between them.
 */
import { durationHours, type Profile } from '../../lint/src/schema/index.ts';
import { durableMount } from './compare.ts';

export interface ChecklistItem { id: string; phase: string; text: string }

const clocksText = (p: Profile) => {
  const clocks = [...p.dangerClocks].sort((a, b) => (a.after ? durationHours(a.after)! : Infinity) - (b.after ? durationHours(b.after)! : Infinity));
  return clocks.length ? clocks.map((c) => `${c.what} (${c.after ? `after ${c.after}` : 'on the event'}, from: ${c.trigger})`).join('; ') : 'none recorded for this platform';
};

export function checklistFor(id: string, p: Profile): ChecklistItem[] {
  const durable = durableMount({ id, data: p }) ?? '(no durable tier: copy results off the machine)';
  const scratch = p.storage.find((t) => !t.durable && t.survivesStop === false)?.path ?? p.overrides.DATA_DIR;
  return [
    { id: 'plan-clocks', phase: 'Before renting', text: `Know the danger clocks: ${clocksText(p)}.` },
    { id: 'plan-durable', phase: 'Before renting', text: `Decide where checkpoints go: ${durable}. Everything else may vanish on \`${p.meter.stopVerb}\`.` },
    { id: 'plan-disk', phase: 'Before renting', text: `Budget disk: checkpoint size × checkpoints kept + scratch; inode cap here is ${p.inodeCap}.` },
    { id: 'launch-env', phase: 'Launch', text: `Set the overrides: DATA_DIR=${p.overrides.DATA_DIR || '""'}, DURABLE_DIR=${p.overrides.DURABLE_DIR || '""'}, HF_HOME=${p.overrides.HF_HOME || '""'}.` },
    { id: 'launch-mirror', phase: 'Launch', text: p.chinaMirror ? 'Configure pip / Hugging Face / conda mirrors before the first download (this region sits behind the GFW).' : 'No mirrors needed: downloads reach the open internet directly.' },
    { id: 'launch-driver', phase: 'Launch', text: `Read the driver and CUDA before installing anything: ${p.driver.check}. Here: ${p.driver.stack}.` },
    { id: 'launch-box', phase: 'Launch', text: 'Check the fresh box: a short GPU diagnostic (`dcgmi diag -r 2`) and, with several GPUs, `nvidia-smi topo -m` plus an `all_reduce_perf` run.' },
    { id: 'launch-smoke', phase: 'Launch', text: 'Run a two-step smoke test that writes, reloads and deletes a checkpoint on the durable mount.' },
    { id: 'run-detach', phase: 'Run', text: `Detach with ${p.detach.primitive}${p.detach.survivesRestart ? '' : ' — it does not survive an instance restart, so resume must come from the checkpoint'}.` },
    { id: 'run-spot', phase: 'Run', text: p.spot.available ? `On spot capacity, expect ${p.spot.signal} with ${p.spot.grace} of grace: checkpoint on a timer, never in the grace window.` : 'No spot tier here: interruptions come from clocks and failures, so still checkpoint on a timer.' },
    { id: 'run-watch', phase: 'Run', text: 'Watch the log advancing, disk and inode headroom and GPU health, not just "process alive".' },
    { id: 'finish-claims', phase: 'Finish', text: 'Before calling a number a result: several seeds, a selection rule fixed in advance, a leakage check and the evaluated weights recorded.' },
    { id: 'finish-verify', phase: 'Finish', text: `Confirm every result is on ${durable} or pulled to your machine, with a manifest of sizes and SHA-256 checked on the pulled copy and one checkpoint loaded.` },
    { id: 'finish-scratch', phase: 'Finish', text: `Prune scratch (${p.overrides.SCRATCH || scratch || 'nothing to prune'}) only after the copies verify.` },
    { id: 'teardown', phase: 'Teardown', text: `Stop the meter with \`${p.meter.stopVerb}\`${p.meter.irreversible ? ' — irreversible: it deletes what is not on the durable mount' : ''}. A stop still bills: ${p.meter.stopStillBills}.` },
  ];
}
