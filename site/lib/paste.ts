/**
 * Whether text in the search box is a paste the diagnosis should read rather than words to search for. The
 * glue that watches the box is site/components/search-modal-paste.ts.
 */
import { errorWeight, stripPrefixes } from '../../lint/src/diagnose/lines.ts';

/** Longer than this, typed text is treated as a paste too: nobody types a 160-character query. */
const LONG = 160;

/** Whether search input looks like a pasted log rather than a query: several lines, or long. */
export const looksLikePaste = (text: string): boolean => text.includes('\n') || text.length > LONG;

/**
 * Whether a paste into the search box deserves a diagnosis: a log, or one error line however short
 * (`torch.OutOfMemoryError: CUDA out of memory`, `Killed`), as people copy the last line of a dead run.
 */
export const looksLikeErrorPaste = (text: string): boolean => looksLikePaste(text) || (text.trim() !== '' && errorWeight(stripPrefixes(text.trim())) > 0);
