/**
 * Error signatures: the messages a gotcha explains, as they appear in a log. The diagnosis engine
 * (lint/src/diagnose) matches them line by line; the `gotcha-signatures` lint rule proves each one against
 * the gotcha's own Symptom section and vets every regular expression for catastrophic backtracking.
 */
import { z } from 'astro/zod';

/** Longest pattern accepted; a signature names one message, not a paragraph. */
export const SIGNATURE_MAX_LENGTH = 200;

export function SignatureSchema() {
  const literal = z.strictObject({
    literal: z.string().trim().min(4, { error: 'Expected a literal of at least 4 characters' }).max(SIGNATURE_MAX_LENGTH)
      .meta({ description: 'Text that appears in the log line, matched case-insensitively with runs of spaces treated as one. Where it starts or ends with a letter or digit it must not sit inside a longer word (`Killed` does not match `skilled`). Preferred over `regex`: it needs no escaping and cannot backtrack.' }),
  });
  const regex = z.strictObject({
    regex: z.string().min(4, { error: 'Expected a regex of at least 4 characters' }).max(SIGNATURE_MAX_LENGTH)
      .meta({ description: 'A JavaScript regular expression tested against one log line, for messages whose middle varies. Keep it inside POSIX ERE (`grep -E` on the box reads the exported file): no lookarounds, no `\\d` or `\\b` (use `[0-9]`), no lazy quantifiers, and bounded repeats (`.{0,80}`) instead of `.*`.' }),
    flags: z.enum(['i'], { error: 'Expected `i` or no `flags`' }).optional()
      .meta({ description: '`i` to ignore case; no other flag is allowed.' }),
  });
  return z.union([literal, regex], { error: 'Expected `{ literal: "..." }` or `{ regex: "...", flags?: "i" }`' });
}

export type Signature = z.output<ReturnType<typeof SignatureSchema>>;
