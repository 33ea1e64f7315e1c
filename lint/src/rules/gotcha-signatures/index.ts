import type { Nodes, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { defineRule } from '../define.ts';
import { sections } from '../gotcha-structure/index.ts';
import { compileSignature } from '../../diagnose/signature-match.ts';
import { SignatureSchema } from '../../schema/signature.ts';
import { vetRegex } from './vet.ts';

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

export default defineRule({
  id: 'gotcha-signatures',
  description: 'Error signatures compile, cannot backtrack catastrophically, and match an example in the Symptom section',
  severity: 'error',
  kinds: ['gotcha'],
  scope: 'file',
  check(file, ctx) {
    const raw = file.frontmatter.data.signatures;
    if (!Array.isArray(raw) || raw.length === 0 || !file.tree) return;
    const symptom = sections(file.tree.children).find((s) => /^symptom\b/i.test(toString(s.heading).trim()));
    const examples = symptom ? symptomExamples(symptom.body) : [];
    raw.forEach((entry, i) => {
      const parsed = signatureSchema.safeParse(entry);
      if (!parsed.success) return; // frontmatter-schema reports the shape
      const sig = parsed.data;
      if ('regex' in sig) {
        const problem = vetRegex(sig.regex, sig.flags);
        if (problem) {
          ctx.report(file, { message: problem, place: file.frontmatter.positionOf(['signatures', i, 'regex']) });
          return;
        }
      }
      const compiled = compileSignature(sig);
      if (!examples.some((line) => compiled.test(line))) {
        ctx.report(file, {
          message: `Unexpected signature \`${compiled.label}\` that matches no line of the Symptom section, expected the message quoted there`,
          place: file.frontmatter.positionOf(['signatures', i, 'literal' in sig ? 'literal' : 'regex']),
          note: symptom
            ? 'Quote the message as a log shows it in the Symptom section (a code block or inline code), so the page proves its own signature.'
            : 'The gotcha has no `## Symptom` section to hold the message.',
        });
      }
    });
  },
});
