/**
 * Browser glue shared by the search modal's watchers (search-modal-results.ts, search-modal-status.ts), kept
 * beside them because it is nothing but a MutationObserver: run `react` once after each burst of changes
 * below `target`. Pagefind UI rebuilds the modal's results in many small DOM steps, and the watchers only
 * need to look once it has made them all.
 */
export function afterMutations(target: Node, options: MutationObserverInit, react: () => void): MutationObserver {
  let queued = false;
  const observer = new MutationObserver(() => {
    if (queued) return;
    queued = true;
    queueMicrotask(() => {
      queued = false;
      react();
    });
  });
  observer.observe(target, options);
  return observer;
}
