/** The Symptom section of a gotcha's Markdown, as text: what the word index reads. Pure. */
export function symptomMarkdown(markdown: string): string {
  const lines = markdown.split('\n');
  let inFence = false;
  let inside = false;
  const out: string[] = [];
  for (const line of lines) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    if (!inFence && /^#{1,2}\s/.test(line)) {
      if (inside) break;
      inside = /^##\s+symptom\b/i.test(line);
      continue;
    }
    if (inside) out.push(line);
  }
  return out.join('\n');
}

/** A Markdown file's body without its frontmatter: what a reference page gives the word index. Pure. */
export function markdownBody(markdown: string): string {
  return markdown.replace(/^---\r?\n[\s\S]*?\r?\n---(?:\r?\n|$)/, '');
}
