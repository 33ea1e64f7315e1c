/**
 * Browser glue of Search.astro: the list the forgiving search shows in place of Pagefind UI's own, built from
 * Pagefind UI's (scoped) class names so it reads like the usual list, five results at a time. Built with DOM
 * calls only; an excerpt's markup is read in an inert document and only its text and marks are kept.
 */
import type { PagefindResult } from '../lib/pagefind.ts';
import { SEARCH } from '../lib/ui-strings.ts';

const PAGE_SIZE = 5;

const element = <K extends keyof HTMLElementTagNameMap>(tag: K, className: string): HTMLElementTagNameMap[K] => {
  const el = document.createElement(tag);
  el.className = className;
  return el;
};

/**
 * A Pagefind excerpt as nodes: its text, with the matched words in `<mark>`. Pagefind writes the excerpt as
 * HTML; it is read in an inert document (no script runs, nothing loads) and only its text and marks are kept,
 * so whatever a page's text holds reaches the results list as characters.
 */
export function excerptNodes(excerpt: string): Node[] {
  const doc = new DOMParser().parseFromString(`<body>${excerpt}</body>`, 'text/html');
  return [...doc.body.childNodes].map((node) => {
    if (node.nodeName !== 'MARK') return document.createTextNode(node.textContent ?? '');
    const mark = document.createElement('mark');
    mark.textContent = node.textContent;
    return mark;
  });
}

/**
 * The note and the first results, with "Load more results" (`loadMore`, in the page's language) while more
 * remain. `messageClass` is the class of Pagefind UI's own result count, borrowed so the note looks like it.
 * Resolves once the first results are loaded; the caller attaches the block (it may be stale by then).
 */
export async function resultsList(note: string, results: PagefindResult[], messageClass: string, loadMore = SEARCH.en.loadMore): Promise<HTMLElement> {
  const block = element('div', 'relaxed-search');
  const status = element('p', messageClass);
  status.setAttribute('role', 'status');
  status.textContent = note;
  const list = element('ol', 'pagefind-ui__results');
  block.append(status, list);
  let shown = 0;
  const more = element('button', 'pagefind-ui__button');
  more.type = 'button';
  more.textContent = loadMore;
  const showMore = async () => {
    const batch = await Promise.all(results.slice(shown, shown + PAGE_SIZE).map((r) => r.data()));
    for (const page of batch) {
      const li = element('li', 'pagefind-ui__result');
      const inner = element('div', 'pagefind-ui__result-inner');
      const title = element('p', 'pagefind-ui__result-title');
      const link = element('a', 'pagefind-ui__result-link');
      link.href = page.url;
      link.textContent = page.meta.title ?? page.url;
      const excerpt = element('p', 'pagefind-ui__result-excerpt');
      excerpt.append(...excerptNodes(page.excerpt));
      title.append(link);
      inner.append(title, excerpt);
      li.append(inner);
      list.append(li);
    }
    shown += batch.length;
    if (shown >= results.length) more.remove();
  };
  more.addEventListener('click', () => void showMore());
  await showMore();
  if (shown < results.length) block.append(more);
  return block;
}
