/** `kb-lint verify` output: text for a terminal, JSON for tools, Markdown for the workflow's issue body. */
import type { Outcome } from './check.ts';
import type { Pin } from '../schema/source.ts';
import { inertLink, inertText } from './safe-markdown.ts';

export interface VerifySummary {
  month: string;
  outcomes: readonly Outcome[];
  /** Files whose stamps `--fix` refreshed. */
  refreshed: readonly string[];
  fixed: boolean;
}

/** How a quote was pinned, in a few words (`read 2026-12-07`, `commit 74bce08`, `not pinned: …`). */
export function pinLabel(pin: Pin | undefined): string {
  if (!pin) return 'not pinned';
  if ('commit' in pin) return `commit ${pin.commit.slice(0, 12)}`;
  if ('read' in pin) return `read ${pin.read}`;
  return `not pinned: ${pin.unpinned}`;
}

const count = (outcomes: readonly Outcome[], kind: Outcome['kind']) => outcomes.filter((o) => o.kind === kind).length;

export function formatText(s: VerifySummary): string {
  const lines: string[] = [];
  for (const o of s.outcomes) {
    const at = `${o.target.file}:${o.target.line}`;
    if (o.kind === 'drifted') {
      lines.push(`${at}  drifted  ${o.target.url}  the quoted passage is no longer on the page; re-check the fact`);
      lines.push(`    quoted (${pinLabel(o.target.pin)}): ${o.target.quote}`);
      lines.push(`    page now has: ${o.now ?? '(nothing like it)'}`);
    }
    if (o.kind === 'context-changed') {
      lines.push(`${at}  context-changed  ${o.target.url}  the quote is still there but the text around it changed since it was pinned; re-read it`);
      lines.push(`    quoted (${pinLabel(o.target.pin)}): ${o.target.quote}`);
      lines.push(`    page now has: ${o.now}`);
    }
    if (o.kind === 'unreachable') lines.push(`${at}  unreachable  ${o.target.url}  ${o.reason}`);
  }
  const changed = count(s.outcomes, 'context-changed');
  const summary = `${s.outcomes.length} quoted source(s): ${count(s.outcomes, 'still-there')} still there, ${count(s.outcomes, 'drifted')} drifted, ${changed ? `${changed} changed around the quote, ` : ''}${count(s.outcomes, 'unreachable')} unreachable`;
  lines.push(summary + (s.fixed ? `; stamps refreshed to ${s.month} in ${s.refreshed.length} file(s)` : ''));
  return `${lines.join('\n')}\n`;
}

export function formatJson(s: VerifySummary): string {
  const outcomes = s.outcomes.map((o) => ({
    outcome: o.kind,
    file: o.target.file,
    line: o.target.line,
    source: o.target.index,
    url: o.target.url,
    ...(o.target.pin ? { pin: o.target.pin } : {}),
    ...(o.kind === 'unreachable' ? { reason: o.reason, ...(o.status === undefined ? {} : { status: o.status }) } : { finalUrl: o.finalUrl }),
    ...(o.kind === 'drifted' || o.kind === 'context-changed' ? { quote: o.target.quote, now: o.now ?? null } : {}),
  }));
  const counts = { stillThere: count(s.outcomes, 'still-there'), drifted: count(s.outcomes, 'drifted'), contextChanged: count(s.outcomes, 'context-changed'), unreachable: count(s.outcomes, 'unreachable') };
  return `${JSON.stringify({ month: s.month, counts, refreshed: s.refreshed, outcomes }, null, 2)}\n`;
}

/** The issue body listing drifted facts (and, apart, the unreachable pages). Content text is made inert. */
export function formatMarkdown(s: VerifySummary, linkBase?: string): string {
  const where = (o: Outcome) => {
    const label = inertText(`${o.target.file}:${o.target.line}`);
    return linkBase ? `[${label}](${linkBase}${encodeURI(o.target.file)}#L${o.target.line})` : label;
  };
  const drifted = s.outcomes.filter((o) => o.kind === 'drifted');
  const unreachable = s.outcomes.filter((o) => o.kind === 'unreachable');
  const out = [`# Quoted sources re-checked, ${s.month}`, ''];
  out.push(`**${drifted.length} drifted, ${unreachable.length} unreachable, ${count(s.outcomes, 'still-there')} still there (of ${s.outcomes.length}).**`, '');
  if (drifted.length > 0) {
    out.push('## Drifted: the page no longer has the quoted passage', '', 'Open the page, find what it says now, and correct or re-quote the fact.', '', '| File | Source | Quoted | Page now has |', '| --- | --- | --- | --- |');
    for (const o of drifted) out.push(`| ${where(o)} | ${inertLink(o.target.url)} | ${inertText(o.target.quote.slice(0, 200))} (${inertText(pinLabel(o.target.pin))}) | ${inertText((o.kind === 'drifted' ? o.now : undefined)?.slice(0, 200) ?? '—')} |`);
    out.push('');
  }
  const changed = s.outcomes.filter((o) => o.kind === 'context-changed');
  if (changed.length > 0) {
    out.push('## Changed around the quote: still there, but the pinned surroundings differ', '', '| File | Source | Quoted | Page now has |', '| --- | --- | --- | --- |');
    for (const o of changed) if (o.kind === 'context-changed') out.push(`| ${where(o)} | ${inertLink(o.target.url)} | ${inertText(o.target.quote.slice(0, 200))} (${inertText(pinLabel(o.target.pin))}) | ${inertText(o.now.slice(0, 400))} |`);
    out.push('');
  }
  if (unreachable.length > 0) {
    out.push('## Unreachable: not compared (not drift)', '', '| File | Source | Why |', '| --- | --- | --- |');
    for (const o of unreachable) if (o.kind === 'unreachable') out.push(`| ${where(o)} | ${inertLink(o.target.url)} | ${inertText(o.reason)} |`);
    out.push('');
  }
  return `${out.join('\n')}\n`;
}
