/**
 * The verifier proper: fetch each quoted URL once and sort every quote into one of three outcomes.
 * It takes parsed targets rather than files, so tests can point it at a loopback server without any
 * allowance in the content schema (which accepts only https URLs on public hosts).
 */
import type { HttpClient } from '../http/client.ts';
import { pool } from '../pool.ts';
import { contextHash, nearestPassage, surroundings } from './context.ts';
import { containsQuote } from './comparable-text.ts';
import type { QuoteTarget } from './sources.ts';

export type Outcome =
  /** The page still says it: the stamp can be refreshed. */
  | { kind: 'still-there'; target: QuoteTarget; finalUrl: string }
  /** The page answered but the passage is gone: a person must re-check the fact. `now` is what the page has
   * closest to it, so the report can show both texts. */
  | { kind: 'drifted'; target: QuoteTarget; finalUrl: string; now?: string }
  /** The quote is still there but the text around it is not what was pinned (`pin.context`): the page changed
   * near the fact, which can change what the quote means (a figure removed from the next sentence). */
  | { kind: 'context-changed'; target: QuoteTarget; finalUrl: string; now: string }
  /** No page to compare with (DNS, timeout, 4xx, 5xx after retries, too large, redirect loop). Never drift. */
  | { kind: 'unreachable'; target: QuoteTarget; reason: string; status?: number };

export async function verifyTargets(targets: readonly QuoteTarget[], client: HttpClient, concurrency = 4): Promise<Outcome[]> {
  const urls = [...new Set(targets.map((t) => t.url))];
  const pages = new Map((await pool(urls, concurrency, (url) => client.get(url))).map((page) => [page.url, page]));
  return targets.map((target): Outcome => {
    const page = pages.get(target.url)!;
    if (!page.ok) return { kind: 'unreachable', target, reason: page.reason, status: page.status };
    if (!containsQuote(page.body, page.contentType, target.quote)) {
      const now = nearestPassage(page.body, page.contentType, target.quote);
      return { kind: 'drifted', target, finalUrl: page.finalUrl, ...(now === undefined ? {} : { now }) };
    }
    const pinned = target.pin && 'context' in target.pin ? target.pin.context : undefined;
    if (pinned !== undefined && contextHash(page.body, page.contentType, target.quote) !== pinned) {
      return { kind: 'context-changed', target, finalUrl: page.finalUrl, now: surroundings(page.body, page.contentType, target.quote) ?? '' };
    }
    return { kind: 'still-there', target, finalUrl: page.finalUrl };
  });
}
