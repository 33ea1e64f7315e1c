/**
 * Every table written in content becomes cards on a phone, as the comparison tables already do (the `stacks`
 * class in site/styles/guide.css): each body cell carries its column's heading as `data-label`, shown before
 * the value when the table stacks. A table of three or four columns pushed the one that mattered (what a stop
 * loses, what a tier costs) off a 390 px screen, with nothing saying it scrolled.
 */
interface HastNode {
  type: string;
  tagName?: string;
  value?: string;
  properties?: Record<string, unknown>;
  children?: HastNode[];
}

const elements = (node: HastNode | undefined, tag: string) => (node?.children ?? []).filter((c) => c.type === 'element' && c.tagName === tag);
const textOf = (node: HastNode): string => (node.type === 'text' ? (node.value ?? '') : (node.children ?? []).map(textOf).join(''));

function cardTable(table: HastNode) {
  const head = elements(table, 'thead')[0];
  const headRow = elements(head, 'tr')[0];
  if (!headRow) return; // no header row: nothing to label the cards with
  const labels = [...elements(headRow, 'th'), ...elements(headRow, 'td')].map((cell) => textOf(cell).replace(/\s+/g, ' ').trim());
  for (const body of elements(table, 'tbody')) {
    for (const row of elements(body, 'tr')) {
      (row.children ?? [])
        .filter((c) => c.type === 'element' && (c.tagName === 'td' || c.tagName === 'th'))
        .forEach((cell, i) => {
          if (labels[i]) cell.properties = { ...cell.properties, dataLabel: labels[i] };
        });
    }
  }
  const className = table.properties?.className;
  const classes = Array.isArray(className) ? className.map(String) : typeof className === 'string' ? className.split(/\s+/) : [];
  table.properties = { ...table.properties, className: [...new Set([...classes, 'stacks'])] };
}

export function rehypeTableCards() {
  return (tree: HastNode) => {
    const walk = (node: HastNode) => {
      if (node.type === 'element' && node.tagName === 'table') cardTable(node);
      for (const child of node.children ?? []) walk(child);
    };
    walk(tree);
  };
}
