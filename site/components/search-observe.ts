/**
 * Run `react` once after each burst of changes below `target`: Pagefind UI rebuilds the modal's results in
 * many small DOM steps, and the modal's helpers only need to look once it has made them all.
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
