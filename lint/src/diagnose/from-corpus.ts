/** The diagnosis index of a content tree on disk, read with the linter's own loader (Node only). */
import { loadCorpus, type Corpus } from '../export/corpus.ts';
import { gotchaPath } from '../markdown/links.ts';
import { buildDiagnosisIndex, type DiagnosisIndex, type DiagnosisSource } from './index-data.ts';
import { symptomMarkdown } from './symptom.ts';

/** What the engine needs of each published gotcha of a loaded corpus. */
export function diagnosisSources(corpus: Corpus): DiagnosisSource[] {
  return corpus.gotchas.map(({ file, data }) => ({
    id: data.id,
    title: data.title,
    url: gotchaPath(data.id),
    keywords: data.keywords,
    platforms: data.platforms,
    symptom: symptomMarkdown(file.text),
    signatures: data.signatures,
  }));
}

export async function loadDiagnosisIndex(root: string): Promise<DiagnosisIndex> {
  return buildDiagnosisIndex(diagnosisSources(await loadCorpus(root)));
}
