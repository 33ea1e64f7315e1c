/**
 * Browser glue of the diagnosis results (diagnose-results.ts); the masking, title and issue address come from
 * site/lib/report-error.ts. The "Report this error" control under a diagnosis: shown when nothing matched, or
 * offered as "None of these?" when the reader finds no answer among the matches. Opening it shows the masked
 * lines in an editable box and a link to the new-gotcha issue form built from exactly that box; nothing
 * leaves the page until the reader follows the link and submits the form on GitHub. Built with DOM calls
 * only: the paste is untrusted text.
 */
import { describeMasks, prepareReport, REPORT_PREFACE, reportTitle, reportUrl } from '../lib/report-error.ts';
import { DIAGNOSE, type DiagnoseStrings } from '../lib/ui-strings.ts';

export interface ReportSource {
  /** The text as pasted. */
  text: string;
  /** The repository's URL, when the build names one (site/lib/repository.ts). */
  repository?: string;
}

/** `say`: the words in the page's language (site/lib/ui-strings.ts); what goes into the issue stays as written. */
export function reportControl(source: ReportSource, matched: boolean, say: DiagnoseStrings = DIAGNOSE.en): HTMLElement {
  const box = document.createElement('div');
  box.className = 'report-error';
  const open = document.createElement('button');
  open.type = 'button';
  open.className = 'report-error-open';
  open.textContent = say.reportOpen(matched);
  open.setAttribute('aria-expanded', 'false');
  box.append(open);
  open.addEventListener('click', () => {
    if (box.querySelector('.report-error-panel')) return;
    open.setAttribute('aria-expanded', 'true');
    box.append(panel(source, say));
    box.querySelector<HTMLTextAreaElement>('.report-error-text')?.focus();
  });
  return box;
}

function panel(source: ReportSource, say: DiagnoseStrings): HTMLElement {
  const masked = prepareReport(source.text);
  const wrap = document.createElement('div');
  wrap.className = 'report-error-panel';
  const intro = document.createElement('p');
  intro.textContent = say.reportIntro;
  const label = document.createElement('label');
  const id = `report-error-text-${Math.random().toString(36).slice(2, 8)}`;
  label.htmlFor = id;
  label.textContent = say.reportLabel;
  const text = document.createElement('textarea');
  text.id = id;
  text.className = 'report-error-text';
  text.rows = Math.min(14, Math.max(4, masked.text.split('\n').length + 1));
  text.spellcheck = false;
  text.value = masked.text;
  const note = document.createElement('p');
  note.className = 'report-error-masked';
  note.textContent = say.masked(masked.counts, describeMasks(masked.counts));
  // Everything else the form will hold besides the box: its title (from the box) and one opening sentence.
  const rest = document.createElement('p');
  rest.className = 'report-error-rest';
  const showRest = () => (rest.textContent = say.reportRest(reportTitle(text.value), REPORT_PREFACE));
  showRest();
  text.addEventListener('input', showRest);
  wrap.append(intro, label, text, note, rest);
  if (source.repository) {
    const link = document.createElement('a');
    link.className = 'report-error-link';
    link.target = '_blank';
    link.rel = 'noopener noreferrer';
    link.textContent = say.reportLink;
    const update = () => (link.href = reportUrl(source.repository!, text.value));
    update();
    text.addEventListener('input', update);
    wrap.append(link);
  } else {
    const none = document.createElement('p');
    none.className = 'report-error-norepo';
    none.textContent = say.reportNoRepo;
    wrap.append(none);
  }
  return wrap;
}
