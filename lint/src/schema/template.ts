/**
 * Script template metadata. It lives in the script itself, as a YAML block between two `# ---` comment
 * lines near the top, so the file a user downloads documents itself and the linter reads the same text.
 */
import { z } from 'astro/zod';
import { GotchaIdSchema } from './ids.ts';

export function TemplateVariableSchema() {
  return z.strictObject({
    default: z.string().optional()
      .meta({ description: 'Value used when the variable is unset; `""` for empty, omitted when it is required.' }),
    description: z.string().min(5)
      .meta({ description: 'What it controls.' }),
  });
}

export function TemplateMetaSchema() {
  return z.strictObject({
    title: z.string().min(3)
      .meta({ description: 'Short human name, e.g. `Queue runner`.' }),
    purpose: z.string().min(10)
      .meta({ description: 'What it does and when to reach for it.' }),
    usage: z.string().min(3)
      .meta({ description: 'Usage line(s), e.g. `run_queue.sh QUEUE_FILE [START_INDEX]`.' }),
    env: z.record(z.string().regex(/^[A-Z][A-Z0-9_]*$/), TemplateVariableSchema()).default({})
      .meta({ description: 'Environment variables the script reads, by name.' }),
    needs: z.array(z.string().regex(/^[A-Za-z0-9_.-]+\.sh(\.template)?$/)).default([])
      .meta({ description: 'Other templates this one runs, to download beside it (file names under scripts/), e.g. `[run_one.sh.template]`.' }),
    gotchas: z.array(GotchaIdSchema()).default([])
      .meta({ description: 'Gotchas whose fix this script implements.' }),
    principles: z.array(z.number().int().min(1).max(10)).default([])
      .meta({ description: 'Operating principles it implements.' }),
    promises: z.array(z.string().min(10)).default([])
      .meta({ description: 'What the script guarantees about the user\'s data, one sentence each; the template page lists them.' }),
    refuses: z.array(z.string().min(10)).default([])
      .meta({ description: 'What the script will not do (and exits non-zero instead), one sentence each; the template page lists them.' }),
  });
}

export type TemplateMeta = z.output<ReturnType<typeof TemplateMetaSchema>>;
