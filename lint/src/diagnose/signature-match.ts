/**
 * How one signature matches one log line. Pure (no Node built-ins): the site bundles it for the search box
 * and the paste page, the CLI and the MCP server import it, and the lint rule uses it to prove a signature
 * against its Symptom section, so "matches" means the same thing everywhere.
 *
 * Regex signatures run on RE2's automaton (re2js, a pure-JavaScript port of Go's regexp), never on the
 * JavaScript engine: its time is linear in the line whatever the pattern, so a signature that a static proof
 * wrongly calls safe (`( | ){1,60}Killed` passed recheck, then took V8 forever on a line of spaces) cannot
 * stall the CLI, the MCP server or the page's worker. Linear by construction, rather than proved safe.
 */
import { RE2JS } from 're2js';
import type { Signature } from '../schema/signature.ts';

/** A signature made ready for matching. */
export interface CompiledSignature {
  /** The signature as written, for display (`literal` text or `/regex/flags`). */
  label: string;
  /** Lower-case ASCII words every matching line contains as whole words; lets the engine skip most lines. */
  anchors: string[];
  /** Characters of fixed text in the pattern: longer means more specific. */
  specificity: number;
  /** Whether the line matches; `folded` is `foldLine(line)` when the caller already has it. */
  test(line: string, folded?: string): boolean;
}

const WORD = /[A-Za-z0-9_]/;
const isWordChar = (c: string | undefined) => c !== undefined && WORD.test(c);

/** Lower case with every run of white space as one space: the form literals and lines are compared in. */
export const foldLine = (line: string) => line.toLowerCase().replace(/\s+/g, ' ');

/** Lower-case ASCII word tokens, the unit of anchoring. */
export const asciiWords = (text: string) => text.toLowerCase().match(/[a-z0-9_]+/g) ?? [];

function compileLiteral(text: string): CompiledSignature {
  const needle = foldLine(text.trim());
  const edgeStart = isWordChar(needle[0]);
  const edgeEnd = isWordChar(needle[needle.length - 1]);
  return {
    label: text.trim(),
    // Every token of a literal is a whole token of a matching line: inner ones are bounded by the literal's
    // own punctuation, edge ones by the word-boundary rule below.
    anchors: [...new Set(asciiWords(needle))],
    specificity: needle.length,
    test(line, folded) {
      const hay = folded ?? foldLine(line);
      for (let at = hay.indexOf(needle); at !== -1; at = hay.indexOf(needle, at + 1)) {
        if (edgeStart && isWordChar(hay[at - 1])) continue;
        if (edgeEnd && isWordChar(hay[at + needle.length])) continue;
        return true;
      }
      return false;
    },
  };
}

/**
 * A regex signature as RE2 reads it; throws (an RE2JSException, with RE2's reason) for one it does not
 * compile. Signatures are kept inside POSIX ERE (the lint rule), where RE2 and JavaScript agree on meaning.
 */
export function compileRegex(source: string, flags = ''): RE2JS {
  return RE2JS.compile(source, flags.includes('i') ? RE2JS.CASE_INSENSITIVE : 0);
}

/** Compile a signature; throws for a regex that RE2 does not compile. */
export function compileSignature(sig: Signature): CompiledSignature {
  if ('literal' in sig) return compileLiteral(sig.literal);
  const re = compileRegex(sig.regex, sig.flags);
  const fixed = sig.regex.replace(/\\./g, 'x').replace(/\[[^\]]*\]/g, '').replace(/[^A-Za-z0-9 ]/g, '');
  return {
    label: `/${sig.regex}/${sig.flags ?? ''}`,
    // No anchors: a regex is tried on every line. The rule keeps them rare; RE2 keeps each try linear.
    anchors: [],
    specificity: fixed.length,
    test: (line) => re.test(line),
  };
}
