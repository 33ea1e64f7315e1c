import type { Nodes, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { defineRule } from '../define.ts';
import { sections } from '../gotcha-structure/index.ts';
import { SignatureSchema } from '../../schema/signature.ts';

/**
 * What the Symptom section shows, as candidate log lines: each line of a code block (a log line is a line),
 * and each paragraph, table cell or inline code span whole (Markdown wraps prose at any space).
 */
export function symptomExamples(body: readonly RootContent[]): string[] {
  const out: string[] = [];
  const walk = (node: Nodes) => {
    if (node.type === 'code') out.push(...node.value.split('\n'));
    else if (node.type === 'inlineCode') out.push(node.value.replace(/\n/g, ' '));
    else if (node.type === 'paragraph' || node.type === 'tableCell' || node.type === 'heading') out.push(toString(node).replace(/\n/g, ' '));
    if ('children' in node) for (const c of node.children as Nodes[]) walk(c);
  };
  for (const n of body) walk(n);
  return out.filter((l) => l.trim());
}

const signatureSchema = SignatureSchema();

/**
 * The matcher and the regex engine under it, loaded by the first gotcha that has signatures: a re-run that
 * the cache answers never loads them.
 */
let matching: Promise<typeof import('./vet.ts')> | undefined;

export default defineRule({
  id: 'gotcha-signatures',
  description: "Error signatures compile (regexes as POSIX ERE that RE2 reads) and match an example in the Symptom section (a reference's: in its body)",
  severity: 'error',
  kinds: ['gotcha', 'reference'],
  scope: 'file',
  check(file, ctx) {
    const raw = file.frontmatter.data.signatures;
    if (!Array.isArray(raw) || raw.length === 0 || !file.tree) return;
    // A reference has no Symptom section: the message it answers is shown anywhere on the page.
    const reference = file.kind === 'reference';
    const symptom = reference ? undefined : sections(file.tree.children).find((s) => /^symptom\b/i.test(toString(s.heading).trim()));
    const examples = reference ? symptomExamples(file.tree.children) : symptom ? symptomExamples(symptom.body) : [];
    return (matching ??= import('./vet.ts')).then(({ compileSignature, refuseRegex }) => raw.forEach((entry, i) => {
      const parsed = signatureSchema.safeParse(entry);
      if (!parsed.success) return; // frontmatter-schema reports the shape
      const sig = parsed.data;
      // Positions cost a second YAML parse: asked for only when there is something to report.
      const where = () => file.frontmatter.positionOf(['signatures', i, 'literal' in sig ? 'literal' : 'regex']);
      const matchSymptom = () => {
        const compiled = compileSignature(sig);
        if (examples.some((line) => compiled.test(line))) return;
        ctx.report(file, {
          message: `Unexpected signature \`${compiled.label}\` that matches no line of the ${reference ? 'page' : 'Symptom section'}, expected the message quoted there`,
          place: where(),
          note: reference
            ? 'Quote the message as a log shows it on the page (a code block or inline code), so the page proves its own signature.'
            : symptom
            ? 'Quote the message as a log shows it in the Symptom section (a code block or inline code), so the page proves its own signature.'
            : 'The gotcha has no `## Symptom` section to hold the message.',
        });
      };
      const refused = 'regex' in sig ? refuseRegex(sig.regex, sig.flags) : undefined;
      if (refused) return ctx.report(file, { message: refused, place: where() });
      matchSymptom();
    }));
  },
});
