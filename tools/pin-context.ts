/**
 * The `context` hash for a quote's `pin`, from a copy of the page you read (its rendered text, its Markdown or a
 * stored text copy: the hash ignores markup, spaces and punctuation). For a page read in a browser, save it as
 * text; `kb-lint verify` later compares the live page with the hash.
 *
 *   node tools/pin-context.ts <copy-of-page.txt|-> "<the quote, verbatim>"
 *
 * Prints `sha256:<hex>`; exits 1 when the quote is not in the copy, or when the copy lacks the text the hash
 * spans on either side of it (a truncated copy would pin a hash the full page never has).
 */
import { readFileSync } from 'node:fs';
import { contextHashOfText, CONTEXT_RADIUS } from '../lint/src/verify/context.ts';
import { comparableText } from '../lint/src/verify/comparable-text.ts';

const [file, quote] = process.argv.slice(2);
if (!file || !quote) {
  process.stderr.write('Usage: node tools/pin-context.ts <copy-of-page.txt|-> "<quote>"\n');
  process.exit(2);
}
const text = readFileSync(file === '-' ? 0 : file, 'utf8');
const hash = contextHashOfText(text, quote);
if (!hash) {
  process.stderr.write('pin-context: the quote is not in that copy (compared without case, spaces and punctuation)\n');
  process.exit(1);
}
const letters = (t: string) => comparableText(t).replace(/[^\p{L}\p{N}]+/gu, '');
const page = letters(text);
const at = page.indexOf(letters(quote));
const short = Math.min(at, page.length - at - letters(quote).length);
if (short < CONTEXT_RADIUS && process.env.PIN_EDGE !== 'page') {
  process.stderr.write(`pin-context: only ${short} letters on one side of the quote, the hash spans ${CONTEXT_RADIUS}; use a longer copy (PIN_EDGE=page if the page itself ends there)\n`);
  process.exit(1);
}
process.stdout.write(`${hash}\n`);
