/**
 * Starlight marks a sidebar entry as current only on the page it links to. A gotcha page is not in the
 * sidebar (347 of them would drown it), so its catalog is marked instead, and a closed group holding that
 * catalog is opened; the same for a template, lint-rule or comparison page and its section.
 */
import { buildSidebar } from './sidebar.ts';

type Item = ReturnType<typeof buildSidebar>[number]['items'][number];

function mark(items: Item[], link: string): boolean {
  let found = false;
  for (const item of items) {
    if ('link' in item && item.link === link) {
      Object.assign(item, { attrs: { 'aria-current': 'page' } });
      found = true;
    } else if ('items' in item && mark(item.items, link)) {
      item.collapsed = false;
      found = true;
    }
  }
  return found;
}

let built: ReturnType<typeof buildSidebar> | undefined;

/**
 * The sidebar with `link`'s entry marked. A build reads the content folders for it once and marks a copy per
 * page (read per page, it was the largest cost of the real corpus's build); the dev server reads afresh.
 */
export function sidebarMarking(link: string) {
  const groups = import.meta.env.PROD ? structuredClone((built ??= buildSidebar())) : buildSidebar();
  for (const group of groups) if (mark(group.items, link)) group.collapsed = false;
  return groups;
}
