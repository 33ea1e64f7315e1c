/**
 * An in-memory corpus for rule and engine tests: a small valid project (one catalog, one profile, the
 * principles page, two gotchas, one script template) that a test changes file by file.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach } from 'vitest';
import { lint, type Finding } from '../src/engine/run.ts';
import type { SeveritySetting } from '../src/engine/types.ts';

export const GOTCHA = (id: string, extra = '', body?: string) => `---
id: ${id}
title: "Disk fills up and the run dies with ENOSPC"
catalog: alpha
platforms: [box]
tags: [disk]
cost: [data]
sources:
  - title: Example docs
    url: https://example.com/docs/${id}
    quote: "Checkpoints written to the system disk fill it."
    checked: 2026-09
verified: 2026-09
${extra}---

${body ?? `## Symptom

The run stops with \`No space left on device\`.

## Root cause

Checkpoints pile up on the small system disk.

## Fix

Keep two checkpoints and write them to the data disk.
`}`;

export const PROFILE = (body?: string) => `---
title: Box
description: A rental used only by the tests.
kind: ssh-rental
meter: { stopVerb: destroy, irreversible: true, stopStillBills: nothing }
detach: { primitive: tmux, survivesRestart: false }
spot: { available: false, grace: n/a, signal: none }
storage:
  - { tier: Disk, path: /data, survivesStop: true, survivesDestroy: false, durable: true }
sharedFs: null
inodeCap: none
freeEgress: true
chinaMirror: false
driver: { stack: host driver fixed by the box owner, check: nvidia-smi }
overrides: { DATA_DIR: /data, DURABLE_DIR: /data, PROXY_HOOK: "", CRED_FILE: "", SCRATCH: "", HF_HOME: /data/hf, DETACH: tmux }
sources:
  - title: Box docs
    url: https://example.com/box
    quote: "Destroying an instance deletes its disk."
    checked: 2026-09
verified: 2026-09
---

${body ?? ['Launch', 'Storage', 'Network', 'Spot and interruption', 'Teardown and billing', 'Daemon tool', 'Top gotchas', 'Debugging', 'Script overrides'].map((s) => `## ${s}\n\nSomething true about ${s.toLowerCase()}.\n`).join('\n')}`;

export const SCRIPT = (env = '#   OUT_DIR:\n#     default: /tmp/out\n#     description: Where results go.\n', code = 'echo "${OUT_DIR:-/tmp/out}"\n') => `#!/usr/bin/env bash
# ---
# title: Example script
# purpose: Writes something somewhere for the tests.
# usage: example.sh
# env:
${env}# gotchas: [AL1]
# principles: [1]
# ---
set -Eeuo pipefail
${code}`;

export function baseCorpus(): Record<string, string> {
  return {
    'content/catalogs/alpha.md': `---\ntitle: Alpha\ndescription: The catalog used by the tests.\nprefixes: [AL]\nsection: operations\nretired: [AL9]\n---\n\nStart at [AL1](gotcha:AL1).\n`,
    'content/profiles/box.md': PROFILE(),
    'content/references/principles.md': `---\ntitle: Principles\ndescription: Two principles for the tests.\n---\n\n## 1. First {#principle-1}\n\nText.\n\n## 2. Second {#principle-2}\n\nText.\n`,
    'content/gotchas/alpha/al1-disk-full.md': GOTCHA('AL1', 'related: [AL2]\n'),
    'content/gotchas/alpha/al2-disk-full-again.md': GOTCHA('AL2'),
    'scripts/example.sh': SCRIPT(),
  };
}

export interface RunOptions {
  today?: string;
  maxAge?: number;
  targets?: string[];
  severities?: Record<string, SeveritySetting>;
}

/** Lint a corpus given as path → text (or bytes); `null` removes a base file. */
export async function lintCorpus(changes: Record<string, string | Uint8Array | null> = {}, options: RunOptions = {}): Promise<Finding[]> {
  const files: Record<string, string | Uint8Array> = { ...baseCorpus() };
  for (const [path, text] of Object.entries(changes)) {
    if (text === null) delete files[path];
    else files[path] = text;
  }
  const { findings } = await lint({
    root: '/virtual',
    corpus: Object.keys(files).sort(),
    targets: options.targets,
    today: options.today ?? '2026-11',
    maxAge: options.maxAge ?? 6,
    severities: options.severities ? new Map(Object.entries(options.severities)) : undefined,
    read: async (p) => {
      const v = files[p];
      if (v === undefined) throw Object.assign(new Error('missing'), { code: 'ENOENT' });
      return typeof v === 'string' ? new TextEncoder().encode(v) : v;
    },
  });
  return findings;
}

/** A GOTCHA or PROFILE text stamped `month` instead of 2026-09: its `verified` and its quoted source's `checked`. */
export const restamp = (text: string, month: string) => text.replace('checked: 2026-09', `checked: ${month}`).replace('verified: 2026-09', `verified: ${month}`);

/** `path:line:col severity rule message`, the shape assertions compare. */
export const show = (findings: readonly Finding[]) => findings.map((f) => `${f.file}:${f.line ?? '?'}:${f.column ?? '?'} ${f.severity} ${f.ruleId} ${f.message}`);

/** Findings of one rule only. */
export const only = (findings: readonly Finding[], ruleId: string) => show(findings.filter((f) => f.ruleId === ruleId));

/** Write `files` (root-relative path → text) under `root`, creating folders; returns `root`. */
export function writeTree(root: string, files: Record<string, string> = baseCorpus()): string {
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, p)), { recursive: true });
    writeFileSync(join(root, p), text);
  }
  return root;
}

/** A maker of temporary folders for one test file; each is removed after the test that made it. */
export function tempDirs(prefix: string): () => string {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  return () => {
    const d = mkdtempSync(join(tmpdir(), prefix));
    dirs.push(d);
    return d;
  };
}
