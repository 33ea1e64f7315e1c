/**
 * Wraps each `##` section of a gotcha page in a `<section>` so Symptom, Root cause and Fix render as distinct
 * blocks (and tests and styles can find them). Other pages are left alone.
 */
interface HastNode {
  type: string;
  tagName?: string;
  properties?: Record<string, unknown>;
  children?: HastNode[];
}

// A translated gotcha (content/i18n/<locale>/gotchas/) too.
const isGotcha = (path: string | undefined) => !!path && /[\\/]content[\\/](?:i18n[\\/][a-z-]+[\\/])?gotchas[\\/]/.test(path);

const textOf = (node: HastNode): string => (node.type === 'text' ? String((node as unknown as { value: string }).value) : (node.children ?? []).map(textOf).join(''));

export function rehypeGotchaSections() {
  return (tree: HastNode, file: { path?: string; history?: string[] }) => {
    if (!isGotcha(file.path ?? file.history?.[0])) return;
    const out: HastNode[] = [];
    let current: HastNode | undefined;
    for (const child of tree.children ?? []) {
      if (child.type === 'element' && child.tagName === 'h2') {
        // A translated heading has no Latin letters; its explicit id (`## 症状 {#symptom}`) names the section.
        const name = textOf(child).trim().toLowerCase().replace(/[^a-z]+/g, '-').replace(/^-|-$/g, '') || String(child.properties?.id ?? '');
        current = { type: 'element', tagName: 'section', properties: { className: ['gotcha-section', `gotcha-${name}`], dataSection: name }, children: [child] };
        out.push(current);
      } else if (current) {
        current.children!.push(child);
      } else {
        out.push(child);
      }
    }
    tree.children = out;
  };
}
