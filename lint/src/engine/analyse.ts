/**
 * The per-file half of a lint run, the part the cache can skip: parse one file, run every file rule that does not need the
 * corpus index while the tree is alive, and keep a small plain-data summary for the index and for the rules
 * that do need it. The tree is garbage as soon as this returns.
 *
 * Which rules need the index is found out, not declared: a rule that touches `ctx.index` here is stopped,
 * whatever it reported for this file is discarded, and it runs again later on the summary with the real
 * index. A rule that needs both the index and the tree cannot run on a summary; `lightFile` makes that an
 * internal error instead of a silent difference.
 */
import { appliesTo, type RuleContext } from '../rules/define.ts';
import { passesWithoutIndex } from '../rules/validate.ts';
import { activeRules, summarise, toFinding, type Analysis, type Finding, type RunConfig } from './findings.ts';
import { loadFile, unreadableFile } from './load.ts';

export { activeRules, lightFile, summarise, toFinding, type Analysis, type FileSummary, type Finding, type RunConfig } from './findings.ts';

/** Thrown to stop a rule that asked for the index; not an Error, whose stack trace costs more than the rule. */
class NeedsIndex {}

/**
 * Parse one file and run the rules that can run without the index. `readError` stands in for the bytes
 * when the file could not be read at all. It returns once the rules that finish later (a promise) are done;
 * the caller starts the next file before then.
 */
export async function analyse(path: string, bytes: Uint8Array, config: RunConfig, readError?: string): Promise<Analysis> {
  const file = readError === undefined ? loadFile(path, bytes) : unreadableFile(path, readError);
  // Schema validation is most of what the index-consulting rules do; done here, the cache keeps its answer.
  if (!file.readProblem && passesWithoutIndex(file)) file.passesWithoutIndex = true;
  const findings: Finding[] = [];
  const deferred: string[] = [];
  const later: Promise<void>[] = [];
  const options = { maxAge: config.maxAge, today: config.today };
  for (const { rule, setting } of activeRules(config)) {
    if (rule.scope !== 'file' || !appliesTo(rule, file)) continue;
    const mine: Finding[] = [];
    const ctx: RuleContext = {
      get index(): never {
        throw new NeedsIndex();
      },
      options,
      report: (target, report) => void mine.push(toFinding(rule, setting, target, report)),
    };
    const failed = (error: unknown) => {
      if (error instanceof NeedsIndex) deferred.push(rule.id);
      // One file that breaks a rule must not lose the report on every other file.
      else findings.push(toFinding(rule, 'error', file, { message: `Internal error in rule \`${rule.id}\` on this file: ${(error as Error).message ?? String(error)}`, place: { line: 1, column: 1 } }));
    };
    try {
      const done = rule.check(file, ctx);
      if (done) later.push(done.then(() => void findings.push(...mine), failed));
      else findings.push(...mine);
    } catch (error) {
      failed(error);
    }
  }
  // Summarised now, and awaited only when a rule is still at work: a file whose rules are done lets go of its
  // tree before the next file is parsed.
  const analysis = { summary: summarise(file), findings, deferred };
  if (later.length) await Promise.all(later);
  return analysis;
}
