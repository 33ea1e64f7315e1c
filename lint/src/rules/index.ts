/**
 * The registry: every rule in a fixed order. Order decides nothing about results (output is sorted) but
 * keeps `--help` and the docs stable. Ids are checked for uniqueness and folder agreement by the tests.
 */
import type { Rule } from './define.ts';
import readableFile from './readable-file/index.ts';
import frontmatterSchema from './frontmatter-schema/index.ts';
import gotchaStructure from './gotcha-structure/index.ts';
import gotchaPlacement from './gotcha-placement/index.ts';
import profileSections from './profile-sections/index.ts';
import profileOverrides from './profile-overrides/index.ts';
import sourceUrl from './source-url/index.ts';
import verifiedStamp from './verified-stamp/index.ts';
import quotedSource from './quoted-source/index.ts';
import carriedOver from './carried-over/index.ts';
import pinnedQuote from './pinned-quote/index.ts';
import crossRef from './cross-ref/index.ts';
import idUnique from './id-unique/index.ts';
import templateEnv from './template-env/index.ts';
import noTodo from './no-todo/index.ts';
import disableDirective from './disable-directive/index.ts';
import gotchaSignatures from './gotcha-signatures/index.ts';
import noRawHtml from './no-raw-html/index.ts';
import noFrontmatterMarkup from './no-frontmatter-markup/index.ts';
import noSilentDelete from './no-silent-delete/index.ts';
import noUnverifiedTeardown from './no-unverified-teardown/index.ts';
import translation from './translation/index.ts';

export const RULES: readonly Rule[] = [
  readableFile,
  frontmatterSchema,
  gotchaStructure,
  gotchaPlacement,
  profileSections,
  profileOverrides,
  sourceUrl,
  verifiedStamp,
  quotedSource,
  carriedOver,
  pinnedQuote,
  crossRef,
  idUnique,
  templateEnv,
  noTodo,
  disableDirective,
  gotchaSignatures,
  noRawHtml,
  noFrontmatterMarkup,
  noSilentDelete,
  noUnverifiedTeardown,
  translation,
];

export const ruleById = new Map(RULES.map((r) => [r.id, r]));
