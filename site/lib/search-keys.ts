/**
 * The search modal from the keyboard and for screen readers, the decisions without the DOM: where Up and Down
 * move focus, and what the status line says once a query's results are final. The glue that listens is
 * site/components/search-modal-keys.ts and search-modal-status.ts.
 */

import { SEARCH, type SearchStrings } from './ui-strings.ts';

/**
 * Where focus moves when `key` is pressed while `current` has focus, or null to leave the key alone.
 * `links` are the visible result links in order; from the last one Down stays put, and Up from the first one
 * returns to the query.
 */
export function nextStop<T>(key: string, current: unknown, input: T, links: readonly T[]): T | null {
  if (key !== 'ArrowDown' && key !== 'ArrowUp') return null;
  if (current === input) return key === 'ArrowDown' ? (links[0] ?? null) : null;
  const at = links.indexOf(current as T);
  if (at < 0) return null;
  if (key === 'ArrowDown') return links[at + 1] ?? links[at];
  return at === 0 ? input : links[at - 1];
}

/** What the modal shows, as the status line needs it. */
export interface ResultsState {
  /** The query box, trimmed. */
  term: string;
  /** The query whose results are final (`data-settled`), if any. */
  settled?: string;
  /** Whether the forgiving search's own list is shown; it carries its own status note. */
  relaxed: boolean;
  /** Pagefind UI's result count sentence ("3 results for …"), if it has written one. */
  message?: string;
  /** Results in Pagefind UI's list, or undefined when there is no list. */
  count?: number;
}

/** The sentence for screen readers once a query's results are final, or null while they are not. */
export function resultsSentence(state: ResultsState, say: SearchStrings = SEARCH.en): string | null {
  if (!state.term || state.settled !== state.term) return null;
  // Relaxed results carry their own status note, which is announced as it appears.
  if (state.relaxed) return null;
  const message = state.message?.trim();
  if (!message || state.count === undefined) return null;
  return state.count ? say.found(message) : message;
}
