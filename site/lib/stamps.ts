/**
 * What the staleness dashboard shows: every `verified` stamp and carried-over page under content/ as
 * `npm run stale` collects them, the page counts by provenance, and the site page each stamped file has. Collected when the page renders (~0.3–0.5 s of a build,
 * parsing the ~25 files with inline stamps). A worker thread started when Vite began bundling did the same
 * work on the other core, but loading the linter into a fresh isolate cost ~0.9 s of CPU more and slowed
 * the bundler, which shares that core, by more than the page saved.
 */
import { corpusFiles } from '../../lint/src/files.ts';
import { loadForStamps } from '../../lint/src/stale/load.ts';
import { collectCarried, collectStamps, countProvenance, type CarriedEntry, type ProvenanceCounts, type StaleEntry } from '../../lint/src/stale/collect.ts';
import { catalogPath, gotchaPath, profilePath, referencePath } from '../../lint/src/markdown/links.ts';

export interface StampReport {
  entries: StaleEntry[];
  /** Pages carried over from the upstream knowledge base, not checked here. */
  carried: CarriedEntry[];
  /** Pages by provenance state. */
  counts: ProvenanceCounts;
  /** The site path (without base) of each stamped file that has a page. */
  pages: Record<string, string>;
}

/** Collect the report from the files under `root`, as `npm run stale` would. */
export async function stampReport(root: string, today: string): Promise<StampReport> {
  const files = loadForStamps(root, (await corpusFiles(root)).filter((p) => p.startsWith('content/')));
  const pages: Record<string, string> = {};
  for (const f of files) {
    const id = f.frontmatter.data.id;
    const page =
      f.kind === 'gotcha' ? (typeof id === 'string' ? gotchaPath(id) : undefined)
      : f.kind === 'profile' ? profilePath(f.slug)
      : f.kind === 'catalog' ? catalogPath(f.slug)
      : f.kind === 'reference' ? referencePath(f.slug)
      : undefined;
    if (page) pages[f.path] = page;
  }
  return { entries: collectStamps(files, today), carried: collectCarried(files), counts: countProvenance(files), pages };
}
