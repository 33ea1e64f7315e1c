/**
 * Browser glue of the diagnosis results (diagnose-results.ts); the masking, title and issue address come from
 * site/lib/report-error.ts. The "Report this error" control under a diagnosis: shown when nothing matched, or
 * offered as "None of these?" when the reader finds no answer among the matches. Opening it shows the masked
 * lines in an editable box and a link to the new-gotcha issue form built from exactly that box; nothing
 * leaves the page until the reader follows the link and submits the form on GitHub. Built with DOM calls
 * only: the paste is untrusted text.
 */
import { describeMasks, prepareReport, REPORT_PREFACE, reportTitle, reportUrl } from '../lib/report-error.ts';

export interface ReportSource {
  /** The text as pasted. */
  text: string;
  /** The repository's URL, when the build names one (site/lib/repository.ts). */
  repository?: string;
}

export function reportControl(source: ReportSource, matched: boolean): HTMLElement {
  const box = document.createElement('div');
  box.className = 'report-error';
  const open = document.createElement('button');
  open.type = 'button';
  open.className = 'report-error-open';
  open.textContent = matched ? 'None of these? Report this error' : 'Report this error';
  open.setAttribute('aria-expanded', 'false');
  box.append(open);
  open.addEventListener('click', () => {
    if (box.querySelector('.report-error-panel')) return;
    open.setAttribute('aria-expanded', 'true');
    box.append(panel(source));
    box.querySelector<HTMLTextAreaElement>('.report-error-text')?.focus();
  });
  return box;
}

function panel(source: ReportSource): HTMLElement {
  const masked = prepareReport(source.text);
  const wrap = document.createElement('div');
  wrap.className = 'report-error-panel';
  const intro = document.createElement('p');
  intro.textContent =
    'This is exactly what the issue form will be filled with. Secrets, tokens, IP addresses, host names, e-mail addresses and home folder names were replaced; read it, and remove anything else you would rather not publish. Nothing is sent until you submit the form on GitHub.';
  const label = document.createElement('label');
  const id = `report-error-text-${Math.random().toString(36).slice(2, 8)}`;
  label.htmlFor = id;
  label.textContent = 'Lines to report';
  const text = document.createElement('textarea');
  text.id = id;
  text.className = 'report-error-text';
  text.rows = Math.min(14, Math.max(4, masked.text.split('\n').length + 1));
  text.spellcheck = false;
  text.value = masked.text;
  const note = document.createElement('p');
  note.className = 'report-error-masked';
  note.textContent = `Masked: ${describeMasks(masked.counts)}.`;
  // Everything else the form will hold besides the box: its title (from the box) and one opening sentence.
  const rest = document.createElement('p');
  rest.className = 'report-error-rest';
  const showRest = () => (rest.textContent = `The issue's title will be “${reportTitle(text.value)}”, and its Symptom field will open with: “${REPORT_PREFACE}”`);
  showRest();
  text.addEventListener('input', showRest);
  wrap.append(intro, label, text, note, rest);
  if (source.repository) {
    const link = document.createElement('a');
    link.className = 'report-error-link';
    link.target = '_blank';
    link.rel = 'noopener noreferrer';
    link.textContent = 'Open the new-gotcha form on GitHub';
    const update = () => (link.href = reportUrl(source.repository!, text.value));
    update();
    text.addEventListener('input', update);
    wrap.append(link);
  } else {
    const none = document.createElement('p');
    none.className = 'report-error-norepo';
    none.textContent = 'This copy of the guide names no repository to report to: copy the lines above into a new-gotcha issue of the repository you got it from.';
    wrap.append(none);
  }
  return wrap;
}
