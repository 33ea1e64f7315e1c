/**
 * The diagnosis index: plain JSON, built once from the content (by the CLI at run time, by the site at build
 * time) and read by the engine anywhere. It holds each gotcha's signatures and a small inverted index of the
 * words of its title, keywords and Symptom section.
 */
import type { Signature } from '../schema/signature.ts';
import { words } from './lines.ts';

/** What the engine needs to know about one gotcha. */
export interface DiagnosisSource {
  id: string;
  title: string;
  /** Site path of the page (`/gotchas/u6/`). */
  url: string;
  keywords: readonly string[];
  /** Profile ids it applies to (`all` for every platform): a log that names the platform leans this way. */
  platforms: readonly string[];
  /** Plain text of the Symptom section. */
  symptom: string;
  signatures: readonly Signature[];
  /** A reference page (the Xid table) rather than a gotcha: it answers after the gotchas its messages match. */
  reference?: boolean;
}

export interface DiagnosisDoc {
  id: string;
  title: string;
  url: string;
  signatures: Signature[];
  /** Profile ids it applies to (`all` for every platform); absent in indexes built before it was added. */
  platforms?: string[];
  /** Set on a reference page (id `ref:<slug>`): listed after the gotchas, competing with their word matches. */
  reference?: true;
}

export interface DiagnosisIndex {
  version: 1;
  docs: DiagnosisDoc[];
  /** term → flat list of `[docIndex, fieldWeight, docIndex, fieldWeight, …]`. */
  postings: Record<string, number[]>;
}

/** How much a word counts by where the page has it: its title and keywords say what it is about. */
export const FIELD_WEIGHT = { title: 3, keywords: 3, symptom: 1 } as const;

export function buildDiagnosisIndex(sources: readonly DiagnosisSource[]): DiagnosisIndex {
  const docs: DiagnosisDoc[] = [];
  const postings = new Map<string, number[]>();
  [...sources]
    .sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }))
    .forEach((s, i) => {
      docs.push({ id: s.id, title: s.title, url: s.url, signatures: [...s.signatures], platforms: [...s.platforms], ...(s.reference ? { reference: true as const } : {}) });
      const best = new Map<string, number>();
      const add = (text: string, weight: number) => {
        for (const w of words(text)) best.set(w, Math.max(best.get(w) ?? 0, weight));
      };
      add(s.symptom, FIELD_WEIGHT.symptom);
      add(s.keywords.join(' \n '), FIELD_WEIGHT.keywords);
      add(s.platforms.filter((x) => x !== 'all').join(' '), FIELD_WEIGHT.keywords);
      add(s.title, FIELD_WEIGHT.title);
      for (const [w, weight] of best) {
        let list = postings.get(w);
        if (!list) postings.set(w, (list = []));
        list.push(i, weight);
      }
    });
  return { version: 1, docs, postings: Object.fromEntries([...postings].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) };
}
