/**
 * The part of Pagefind's JavaScript API the forgiving search uses, and how to tell what a result matched.
 * No DOM: a result is data and a `data()` promise, so this runs (and is tested) anywhere.
 */

export interface PagefindResult {
  id: string;
  score: number;
  /** Positions of the matched words in the page's `content`, split on whitespace; fixed for this search. */
  words: number[];
  data(): Promise<{ url: string; excerpt: string; content: string; meta: Record<string, string | undefined> }>;
}
export interface Pagefind { search(term: string, options?: { filters?: Record<string, string[]> }): Promise<{ results: PagefindResult[] } | null> }

/**
 * The words of a page that a search may have matched: the words of its text at the result's own positions,
 * and the words of its metadata (titles and "also seen as" lists are searched as metadata, which reports no
 * positions). Read from the page's text, not from `<mark>`s in its excerpt: Pagefind keeps one data object
 * per page and rewrites its excerpt on every `data()` call, so while the probes of several words (or the
 * modal's own search) load the same page, an excerpt read back may belong to another word's search.
 */
export async function matchedWords(result: PagefindResult): Promise<string[]> {
  const data = await result.data();
  const words = data.content.split(/\s+/);
  const inText = result.words.map((i) => words[i]).filter((w) => w !== undefined);
  return [...inText, ...Object.values(data.meta).flatMap((v) => (v ?? '').split(/\s+/))];
}
