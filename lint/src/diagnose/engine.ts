/**
 * The diagnosis engine: a pasted log in, ranked gotchas out, each with the log line that led to it and why.
 * Signatures are matched first, on every line; then the distinctive words of the lines that carry an error
 * are ranked against the index (IDF-weighted), so a message no signature knows still finds its page.
 *
 * Cost is linear in the paste: lines are capped (lines.ts), literal signatures are only tried on lines that
 * contain their rarest word, regex signatures are proved linear by the lint rule, and the word ranking reads
 * a bounded number of distinct key lines.
 */
import { asciiWords, compileSignature, foldLine, type CompiledSignature } from './signature-match.ts';
import { isNcclSummary, isNcclWarn, maskVariables, readLog, words, type LogLine } from './lines.ts';
import type { DiagnosisIndex } from './index-data.ts';
import { isBoilerplate, termWeight, withoutBoilerplate } from './boilerplate.ts';
import { evidenceWords } from './evidence.ts';

export interface Diagnosis {
  id: string;
  title: string;
  url: string;
  /** `signature`: a declared message matched; `words`: the error lines share distinctive words with the page. */
  via: 'signature' | 'words';
  score: number;
  /** The log line that matched best (1-based number, text as pasted, without launcher prefixes). */
  line: { number: number; text: string };
  /** Why: the signature that matched, or the shared words. */
  why: string;
}

export interface DiagnoseResult {
  matches: Diagnosis[];
  /** Lines read and lines judged to carry an error. */
  lines: number;
  errorLines: number;
  /** Whether part of the paste was cut (too many lines, or a line over the length cap). */
  truncated: boolean;
}

export interface DiagnoseOptions {
  /** Results returned. @default 10 */
  limit?: number;
  /**
   * Treat every line as carrying the symptom, for a typed query ("runpod volume lost after stop") rather than a
   * log, whose lines hold no error word. @default false
   */
  query?: boolean;
}

/** Distinct error lines the word ranking reads; the rest of a huge log adds repetition, not evidence. */
const KEY_LINE_LIMIT = 60;
/** Error lines read from the end of the paste for the word ranking (the signature pass reads them all). */
const NORMALISE_BUDGET = 20_000;
/** Distinct non-error lines whose words count a little: the prompt, the platform's own tool output. */
const CONTEXT_LINES = 200;
/** Non-error lines looked at for context, from the end. */
const CONTEXT_SCAN = 2_000;
/** How much a context line's words count against an error line's. */
const CONTEXT_WEIGHT = 0.15;
/** Lines of a paste without any error line that are still read as the reader's error. */
const SHORT_PASTE = 20;
/** Lines shown in a `why` or a match are cut to this many characters. */
const SHOW = 300;
/** How much a boilerplate error line's words count (boilerplate.ts): the library spoke, the cause did not. */
const BOILERPLATE_WEIGHT = 0.1;
/** How much more the last error of the paste counts than the errors before it: the run died of that one. */
const LAST_ERROR_FACTOR = 2;
/** How much a word counts when it only occurs inside a path (`/usr/local/lib/python3.10/dist-packages`). */
const PATH_WORD_WEIGHT = 0.25;
/** How much more a signal or an Xid number counts than a word (evidence.ts): it names what happened. */
const EVIDENCE_WEIGHT = 6;
/** Signature score on the last error line, and off it on a boilerplate line. */
const LAST_ERROR_BONUS = 3;
const BOILERPLATE_PENALTY = 8;
/**
 * A page about one rented platform's twist on an error yields to the general page when the paste never names
 * that platform: the same message on an unnamed box is the general case. Words that name each platform in a
 * log (paths, hostnames, CLI names); `china` is also named by any Chinese text. Own-box profiles (`local`,
 * `generic-ssh`) describe any machine and are never held back.
 */
const PLATFORM_WORDS: Record<string, readonly string[]> = {
  runpod: ['runpod'],
  vastai: ['vastai', 'vast'],
  lambda: ['lambdalabs', 'lambdal'],
  paperspace: ['paperspace'],
  autodl: ['autodl'],
  china: ['modelscope', 'tsinghua', 'aliyun', 'ustc', 'tuna', 'autodl'],
};
/** What a platform's own machines print even when no word names it: Vast's `root@C.123456` prompt, Lambda's
 * `ubuntu@192-9-140-23`, the China mirror of the Hugging Face hub. */
const PLATFORM_MARKS: Record<string, RegExp> = {
  vastai: /\broot@C\.\d{4,}/,
  lambda: /\bubuntu@\d{1,3}-\d{1,3}-\d{1,3}-\d{1,3}\b/,
  china: /\bhf-mirror\.com\b/,
};
/** Words that name a platform keep their full weight inside a path: `/root/autodl-tmp` says where it ran. */
const PLATFORM_TERMS = new Set(Object.values(PLATFORM_WORDS).flat());
/** Word score factor for a platform page whose platform the paste never names. */
const UNNAMED_PLATFORM_FACTOR = 0.5;
/** A platform page whose platform the paste names gets this much over the general page with the same message. */
const NAMED_PLATFORM_BONUS = 1;
/** What a held-back page's matched message adds to its word score (out of 10 for the best word match). */
const HELD_BACK_START = 5;
/** A Python traceback frame line (`File "/x/adam.py", line 94, in _init_group`). */
const FRAME = /^\s*File "[^"]{1,500}", line \d{1,7}, in /;
const PATH = /(?:[A-Za-z]:)?(?:~|\.{1,2})?(?:[/\\][\w.@+-]{1,200}){2,}[/\\]?/g;

interface Prepared {
  anchored: Map<string, { doc: number; sig: CompiledSignature }[]>;
  unanchored: { doc: number; sig: CompiledSignature }[];
  idf: Map<string, number>;
}

const prepared = new WeakMap<DiagnosisIndex, Prepared>();

function prepare(index: DiagnosisIndex): Prepared {
  const hit = prepared.get(index);
  if (hit) return hit;
  const n = index.docs.length;
  const idf = new Map<string, number>();
  for (const [term, list] of Object.entries(index.postings)) idf.set(term, Math.log(1 + n / (list.length / 2)));
  // A literal is filed under its rarest word across all literals, so most lines wake up no signature at all.
  const sigs = index.docs.flatMap((d, doc) =>
    d.signatures.flatMap((s) => {
      try {
        return [{ doc, sig: compileSignature(s) }];
      } catch {
        return []; // the lint rule reports it; a broken pattern must not take the engine down
      }
    }),
  );
  const anchorFreq = new Map<string, number>();
  for (const { sig } of sigs) for (const a of sig.anchors) anchorFreq.set(a, (anchorFreq.get(a) ?? 0) + 1);
  const anchored = new Map<string, { doc: number; sig: CompiledSignature }[]>();
  const unanchored: { doc: number; sig: CompiledSignature }[] = [];
  for (const entry of sigs) {
    const a = [...entry.sig.anchors].sort((x, y) => (anchorFreq.get(x)! - anchorFreq.get(y)!) || y.length - x.length)[0];
    if (a === undefined) unanchored.push(entry);
    else {
      let list = anchored.get(a);
      if (!list) anchored.set(a, (list = []));
      list.push(entry);
    }
  }
  const p = { anchored, unanchored, idf };
  prepared.set(index, p);
  return p;
}

const hasHan = (lines: readonly [LogLine, number][]) => lines.some(([l]) => /\p{Script=Han}/u.test(l.text));

const cut = (s: string) => (s.length > SHOW ? `${s.slice(0, SHOW)}…` : s);

/** Which signatures a line matches (doc index + signature). */
function signatureHits(line: string, p: Prepared) {
  const out: { doc: number; sig: CompiledSignature }[] = [];
  // Fold once per line; every literal compares against the folded form.
  const folded = foldLine(line);
  const seen = new Set<string>();
  for (const w of asciiWords(folded)) {
    if (seen.has(w)) continue;
    seen.add(w);
    const entries = p.anchored.get(w);
    if (entries) for (const e of entries) if (e.sig.test(line, folded)) out.push(e);
  }
  for (const e of p.unanchored) if (e.sig.test(line, folded)) out.push(e);
  return out;
}

/** Run the diagnosis. Pure: same text and index, same result. */
export function diagnose(text: string, index: DiagnosisIndex, options: DiagnoseOptions = {}): DiagnoseResult {
  const limit = options.limit ?? 10;
  const p = prepare(index);
  const read = readLog(text);
  const truncated = read.truncated;
  // A short paste with no line that looks like an error is still what the reader took for one (`Your notebook
  // tried to allocate more memory than is available. It has restarted.`): read it as a typed query.
  const plain = !options.query && read.lines.length <= SHORT_PASTE && read.lines.every((l) => l.weight === 0);
  const lines = options.query || plain ? read.lines.map((l) => ({ ...l, weight: Math.max(1, l.weight) })) : read.lines;

  // Traceback frames: Python's `File "…", line N, in f` and the source line it prints under it.
  const frames = new Set<number>();
  for (let i = 0; i < lines.length; i++) {
    if (!FRAME.test(lines[i].text)) continue;
    frames.add(lines[i].number);
    const next = lines[i + 1];
    if (next && next.number === lines[i].number + 1 && !FRAME.test(next.text)) frames.add(next.number);
  }

  const boilerplate = new Map<string, boolean>();
  const isNoise = (line: LogLine) => {
    let b = boilerplate.get(line.text);
    if (b === undefined) {
      b = isBoilerplate(line.text);
      if (boilerplate.size < 50_000) boilerplate.set(line.text, b);
    }
    return b;
  };
  // The last error the run printed, boilerplate aside: of the strongest lines, the latest. NCCL's result
  // string (`… unhandled system error`) only names the class of a failure its own WARN line names the cause
  // of: when the paste holds a WARN line, the summary lines above or below it are not the run's last error.
  const ncclCause = lines.some((l) => l.weight > 0 && isNcclWarn(l.text));
  let last: LogLine | undefined;
  for (let i = lines.length - 1, budget = NORMALISE_BUDGET; i >= 0 && budget > 0; i--) {
    const line = lines[i];
    if (line.weight === 0) continue;
    budget--;
    if (ncclCause && isNcclSummary(line.text)) continue;
    if ((!last || line.weight > last.weight) && !isNoise(line)) last = line;
    if (last?.weight === 3) break;
  }

  // Signatures, on every line; repeated lines are tested once.
  // Per gotcha, the best line for each of its signatures: a page whose several messages all appear wins.
  const bySig = new Map<number, Map<string, { score: number; line: LogLine }>>();
  const memo = new Map<string, { doc: number; sig: CompiledSignature }[]>();
  for (const line of lines) {
    let hits = memo.get(line.text);
    if (!hits) {
      hits = signatureHits(line.text, p);
      if (memo.size < 50_000) memo.set(line.text, hits);
    }
    for (const { doc, sig } of hits) {
      // Specific messages on exception lines score higher; among equals the later line, nearer the death, wins.
      let score = 10 + Math.min(sig.specificity, 60) / 6 + line.weight;
      if (line === last) score += LAST_ERROR_BONUS;
      else if (isNoise(line)) score -= BOILERPLATE_PENALTY;
      let perSig = bySig.get(doc);
      if (!perSig) bySig.set(doc, (perSig = new Map()));
      const prev = perSig.get(sig.label);
      if (!prev || score >= prev.score) perSig.set(sig.label, { score, line });
    }
  }

  // Words of the error lines: the last occurrence of each distinct message, strongest lines first. The
  // paste is read from its end (where a run dies) and only so far: signatures above already saw every line.
  const distinct = new Map<string, LogLine>();
  const context = new Map<string, LogLine>();
  let contextBudget = CONTEXT_SCAN;
  for (let i = lines.length - 1, budget = NORMALISE_BUDGET; i >= 0 && budget > 0; i--) {
    const line = lines[i];
    if (line.weight > 0) {
      budget--;
      const key = maskVariables(line.text);
      if (!distinct.has(key)) distinct.set(key, line);
    } else if (contextBudget > 0 && context.size < CONTEXT_LINES) {
      contextBudget--;
      const key = maskVariables(line.text);
      if (!context.has(key)) context.set(key, line);
    }
  }
  const keyLines = [...distinct.entries()]
    .sort(([, a], [, b]) => b.weight - a.weight || b.number - a.number)
    .slice(0, KEY_LINE_LIMIT);
  const byWords = new Map<number, { score: number; line: LogLine; best: number; terms: Set<string> }>();
  const termSeen = new Map<string, number>();
  /** Every word of the lines read for words, to tell whether the paste names a platform. */
  const pasteWords = new Set<string>();
  const factorOf = (l: LogLine) => (isNoise(l) ? BOILERPLATE_WEIGHT : (1 + l.weight / 3) * (l === last ? LAST_ERROR_FACTOR : 1));
  const wordLines: [LogLine, number][] = [...keyLines.map(([, l]) => [l, factorOf(l)] as [LogLine, number]), ...[...context.values()].map((l) => [l, CONTEXT_WEIGHT] as [LogLine, number])];
  for (const [line, factor] of wordLines) {
    // Words come from the line as pasted, but a word found only inside a path counts for little: the path
    // words that tell platforms apart (`autodl-fs`, `workspace`) still count, `dist-packages` barely.
    const text = withoutBoilerplate(line.text);
    const lineTerms = new Set(words(text));
    for (const t of lineTerms) pasteWords.add(t);
    const outsidePaths = new Set(words(text.replace(PATH, ' ')));
    const evidence = new Set(evidenceWords(line.text));
    const perDoc = new Map<number, { score: number; terms: string[] }>();
    for (const t of lineTerms) {
      const idf = p.idf.get(t);
      const list = index.postings[t];
      if (idf === undefined || !list) continue;
      // A word repeated on many error lines is the same evidence again: its weight decays.
      const seen = termSeen.get(t) ?? 0;
      termSeen.set(t, seen + 1);
      const decay = ((outsidePaths.has(t) || PLATFORM_TERMS.has(t) ? 1 : PATH_WORD_WEIGHT) * termWeight(t) * (evidence.has(t) ? EVIDENCE_WEIGHT : 1)) / (1 + seen);
      for (let i = 0; i < list.length; i += 2) {
        const e = perDoc.get(list[i]) ?? { score: 0, terms: [] };
        e.score += idf * list[i + 1] * decay;
        e.terms.push(t);
        perDoc.set(list[i], e);
      }
    }
    for (const [doc, { score, terms }] of perDoc) {
      const weighted = score * factor;
      // Context and boilerplate only sharpen evidence the error lines or signatures already gave; alone they
      // prove nothing.
      if ((factor === CONTEXT_WEIGHT || factor === BOILERPLATE_WEIGHT) && !byWords.has(doc) && !bySig.has(doc)) continue;
      // A reference page's prose covers a whole class of messages: its words rank it only once one of its
      // declared messages is in the paste.
      if (index.docs[doc].reference && !bySig.has(doc)) continue;
      const agg = byWords.get(doc) ?? { score: 0, line, best: -1, terms: new Set<string>() };
      agg.score += weighted;
      for (const t of terms) agg.terms.add(t);
      if (weighted > agg.best) Object.assign(agg, { best: weighted, line });
      byWords.set(doc, agg);
    }
  }

  const marked = new Set(Object.keys(PLATFORM_MARKS).filter((pl) => wordLines.some(([l]) => PLATFORM_MARKS[pl].test(l.text))));
  const named = (platform: string) =>
    marked.has(platform) || (platform === 'china' && hasHan(wordLines)) || (PLATFORM_WORDS[platform] ?? []).some((w) => pasteWords.has(w));
  const namedHere = (doc: number) => !!index.docs[doc].platforms?.some((pl) => pl in PLATFORM_WORDS && named(pl));
  const heldBack = (doc: number) => {
    const platforms = index.docs[doc].platforms;
    return !!platforms?.length && platforms.every((pl) => pl in PLATFORM_WORDS) && !platforms.some(named);
  };
  for (const [doc, s] of byWords) {
    if (heldBack(doc)) s.score *= UNNAMED_PLATFORM_FACTOR;
    else if (namedHere(doc)) s.score /= UNNAMED_PLATFORM_FACTOR;
  }
  const wordScore = (doc: number) => byWords.get(doc)?.score ?? 0;
  const top = Math.max(1, ...[...byWords.values()].map((v) => v.score));
  // Signature matches rank before word matches, except a platform page held back: its message matched, but on
  // a box the paste never ties to its platform, so it competes with the word matches (a head start of
  // HELD_BACK_START) and the general page the words point to can come first. A reference page and a
  // frame-only match with no known error (below) compete the same way.
  const ranked: { d: Diagnosis; tier: number }[] = [];
  // A signature on a traceback frame (the `File "…", line N, in f` line or the source line under it,
  // `state["exp_avg"] = torch.zeros_like(p)`) says where the run's error struck, not what it was. Its page adds
  // to what the last error line earned the page that reads it best, so a page that names where a message came
  // from ranks before the page that only reads the message; with no known error to qualify, it is a hint
  // among the word matches.
  let lastLineScore = 0;
  for (const perSig of bySig.values()) {
    let onLast = 0;
    for (const { score, line } of perSig.values()) if (line === last) onLast += score;
    lastLineScore = Math.max(lastLineScore, onLast);
  }
  const whereOnly = (perSig: Map<string, { score: number; line: LogLine }>) => [...perSig.values()].every(({ line }) => frames.has(line.number));
  for (const [doc, perSig] of bySig) {
    const d = index.docs[doc];
    const sigs = [...perSig].sort(([, a], [, b]) => b.score - a.score);
    const best = sigs[0][1];
    const where = whereOnly(perSig);
    // A reference page (the Xid table) answers the message class, a gotcha its cause: its matched message is a
    // head start among the word matches, never a place above a gotcha whose own message matched.
    const held = heldBack(doc) || (where && lastLineScore === 0) || !!d.reference;
    const evidence = sigs.reduce((sum, [, v]) => sum + v.score, 0) + (where ? lastLineScore : 0);
    const score = held ? (10 * wordScore(doc)) / top + HELD_BACK_START : evidence + wordScore(doc) / top + (namedHere(doc) ? NAMED_PLATFORM_BONUS : 0);
    ranked.push({ tier: held ? 1 : 0, d: { id: d.id, title: d.title, url: d.url, via: 'signature', score, line: { number: best.line.number, text: cut(best.line.text) }, why: `signature ${sigs.map(([l]) => l).join(' + ')}` } });
  }
  for (const [doc, s] of byWords) {
    if (bySig.has(doc)) continue;
    const d = index.docs[doc];
    const terms = [...s.terms].sort((a, b) => (p.idf.get(b) ?? 0) - (p.idf.get(a) ?? 0)).slice(0, 6);
    ranked.push({ tier: 1, d: { id: d.id, title: d.title, url: d.url, via: 'words', score: (10 * s.score) / top, line: { number: s.line.number, text: cut(s.line.text) }, why: `words ${terms.join(', ')}` } });
  }
  ranked.sort((a, b) => a.tier - b.tier || b.d.score - a.d.score || a.d.id.localeCompare(b.d.id));
  const out = ranked.map((r) => r.d);
  return { matches: out.slice(0, limit), lines: lines.length, errorLines: distinct.size, truncated };
}
