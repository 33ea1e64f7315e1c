/**
 * Script template metadata. It lives in the script itself, as a YAML block between two `# ---` comment
 * lines near the top, so the file a user downloads documents itself and the linter reads the same text.
 */
import { z } from 'astro/zod';
import { GotchaIdSchema } from './ids.ts';

export function TemplateVariableSchema() {
  return z.strictObject({
    /** Value used when the variable is unset; `""` for empty, omitted when it is required. */
    default: z.string().optional(),
    /** What it controls. */
    description: z.string().min(5),
  });
}

export function TemplateMetaSchema() {
  return z.strictObject({
    /** Short human name, e.g. `Queue runner`. */
    title: z.string().min(3),
    /** What it does and when to reach for it. */
    purpose: z.string().min(10),
    /** Usage line(s), e.g. `run_queue.sh QUEUE_FILE [START_INDEX]`. */
    usage: z.string().min(3),
    /** Environment variables the script reads, by name. */
    env: z.record(z.string().regex(/^[A-Z][A-Z0-9_]*$/), TemplateVariableSchema()).default({}),
    /** Gotchas whose fix this script implements. */
    gotchas: z.array(GotchaIdSchema()).default([]),
    /** Operating principles it implements. */
    principles: z.array(z.number().int().min(1).max(10)).default([]),
  });
}

export type TemplateMeta = z.output<ReturnType<typeof TemplateMetaSchema>>;
