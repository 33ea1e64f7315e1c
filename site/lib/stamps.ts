/**
 * What the staleness dashboard shows: every `verified` stamp under content/ as `npm run stale` collects
 * them, and the site page each stamped file has.
 *
 * Collecting means parsing every file with an inline stamp (~25 files, 0.3 s of a build, all of it on the
 * critical path when the page renders). A build therefore starts the collection in a worker thread when its
 * Vite bundling starts (astro.config.mjs, through stamps-early.ts), where it runs on the other core while the
 * main thread waits on the bundler, and the page takes that result. The dev server, and a build whose early result is missing or for
 * another tree or month, collect in place. Either way it is one function, `stampReport`, over the files.
 */
import { corpusFiles } from '../../lint/src/files.ts';
import { loadForStamps } from '../../lint/src/stale/load.ts';
import { collectStamps, type StaleEntry } from '../../lint/src/stale/collect.ts';
import { catalogPath, gotchaPath, profilePath, referencePath } from '../../lint/src/markdown/links.ts';
import { earlyStampReport } from './stamps-early.ts';

export interface StampReport {
  /** Repository root the files were read under. */
  root: string;
  /** The month ages were measured against. */
  today: string;
  entries: StaleEntry[];
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
  return { root, today, entries: collectStamps(files, today), pages };
}

/** The early result when there is one for this root and month, else a report collected now. */
export async function takeStampReport(root: string, today: string): Promise<StampReport> {
  const early = (await earlyStampReport()) as StampReport | undefined;
  if (early && early.root === root && early.today === today) return early;
  return stampReport(root, today);
}
