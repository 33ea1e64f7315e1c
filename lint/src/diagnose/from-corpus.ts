/** The diagnosis index of a content tree on disk, read with the linter's own loader (Node only). */
import { loadCorpus, type Corpus } from '../export/corpus.ts';
import { gotchaPath, referencePath } from '../markdown/links.ts';
import { buildDiagnosisIndex, type DiagnosisIndex, type DiagnosisSource } from './index-data.ts';
import { markdownBody, symptomMarkdown } from './symptom.ts';

/**
 * What the engine needs of each published gotcha of a loaded corpus, and of each reference page that declares
 * signatures (id `ref:<slug>`, its whole body read as its symptom).
 */
export function diagnosisSources(corpus: Corpus): DiagnosisSource[] {
  const references = corpus.references
    .filter(({ data }) => data.signatures.length > 0)
    .map(({ file, data }): DiagnosisSource => ({
      id: `ref:${file.slug}`,
      title: data.title,
      url: referencePath(file.slug),
      keywords: [data.description],
      platforms: ['all'],
      symptom: markdownBody(file.text),
      signatures: data.signatures,
      reference: true,
    }));
  return [...references, ...corpus.gotchas.map(({ file, data }) => ({
    id: data.id,
    title: data.title,
    url: gotchaPath(data.id),
    keywords: data.keywords,
    platforms: data.platforms,
    symptom: symptomMarkdown(file.text),
    signatures: data.signatures,
  }))];
}

export async function loadDiagnosisIndex(root: string): Promise<DiagnosisIndex> {
  return buildDiagnosisIndex(diagnosisSources(await loadCorpus(root)));
}
