/** Shapes shared by the engine, the rules and the formatters. */
import type { Root } from 'mdast';
import type { Point, Position } from 'unist';
import type { Frontmatter } from './frontmatter.ts';
import type { HeadingAnchor } from '../markdown/anchors.ts';
import type { InternalLink } from '../markdown/links.ts';

/** What a file is, decided by where it lives. */
/** `translation`: a page under content/i18n/<locale>/, checked against its English original (rule `translation`). */
export type Kind = 'gotcha' | 'profile' | 'catalog' | 'reference' | 'template' | 'rule-doc' | 'translation' | 'other';

export type Severity = 'error' | 'warning';
export type SeveritySetting = Severity | 'off';

/** A link found in a body, resolved or not. */
export interface LinkUse {
  url: string;
  /** Set when the URL uses one of our schemes. */
  internal?: InternalLink;
  position?: Position;
}

/** An inline `(verified … YYYY-MM)` stamp in a body. */
export interface InlineStamp {
  month: string;
  raw: string;
  position: Position;
  /** The heading or table row the stamp sits in: the fact it stamps. */
  context: string;
}

/** An inline `<!-- kb-lint <verb> rule-id… -->` comment (engine/directives.ts applies them). */
export interface Directive {
  /** `disable-next-line`, `disable`, `enable`, `disable-file`, or whatever else was written. */
  verb: string;
  rules: string[];
  position: Position;
}

/** A heading anchor without its mdast node, so it outlives the tree. */
export type FileAnchor = Omit<HeadingAnchor, 'node'>;

/**
 * One file, read and parsed once. Rules that never consult the corpus index see it with its `tree`; the
 * others may run after the tree was dropped (see engine/analyse.ts) and must not read `tree`.
 */
export interface LintFile {
  /** Path relative to the project root, `/`-separated. */
  path: string;
  kind: Kind;
  /** Decoded text ('' when unreadable). */
  text: string;
  /** Why the file could not be read as UTF-8 text, if it could not. */
  readProblem?: { message: string; place?: Point };
  /** mdast of a Markdown file. */
  tree?: Root;
  frontmatter: Frontmatter;
  anchors: FileAnchor[];
  links: LinkUse[];
  stamps: InlineStamp[];
  /** Inline lint comments, in document order. */
  directives?: Directive[];
  /** For gotchas: the catalog folder; for references: the path under content/references without `.md`; for
   * translations: `<locale>/<collection>/<path in the collection>` (`zh-cn/profiles/autodl`). */
  slug: string;
  /** Set where the file was parsed when its frontmatter passed its schema short of the index checks (rules/validate.ts). */
  passesWithoutIndex?: boolean;
}

/** What a rule reports; the engine adds rule id, severity, docs URL and the file. */
export interface Report {
  message: string;
  place?: Point | Position;
  /** Longer explanation, shown in verbose output and on SARIF results. */
  note?: string;
  expected?: string[];
  actual?: string;
  /** Overrides the rule's default severity for this one finding (e.g. a stamp that is only ageing). */
  severity?: Severity;
  /** A safe mechanical replacement of `place` for `--fix`. */
  fix?: { range: [number, number]; text: string };
  /** What the finding is about, stable while its message changes (a stamp's age); the message when absent. */
  key?: string;
}

export type Reporter = (file: LintFile, report: Report) => void;
