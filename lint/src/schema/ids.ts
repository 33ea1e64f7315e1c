/** Identifier shapes shared by every collection. */
import { z } from 'astro/zod';

/** Gotcha ids: an upper-case prefix, an optional second part, a number (`U6`, `MN3`, `RP-G4`, `DIF2`). */
export const GOTCHA_ID_PATTERN = /^[A-Z]{1,6}(?:-[A-Z]{1,6})?\d{1,3}$/;

/** Slugs for profiles and catalogs: lower-case words joined by hyphens. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function GotchaIdSchema() {
  return z.string().regex(GOTCHA_ID_PATTERN, {
    error: (issue) => `Expected a gotcha id such as \`U6\` or \`MN3\`, got \`${String(issue.input)}\``,
  });
}

export function SlugSchema(what: string) {
  return z.string().regex(SLUG_PATTERN, {
    error: (issue) => `Expected a ${what} id in kebab-case, got \`${String(issue.input)}\``,
  });
}

/** What getting a gotcha wrong costs. */
export const COSTS = ['money', 'data', 'time'] as const;
export type Cost = (typeof COSTS)[number];
