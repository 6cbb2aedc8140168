import type { AnalyzedDocument } from '../engine/document';
import { Evaluator } from '../evaluate/evaluator';
import { AnalysisTimedOut, DEFAULT_ANALYSIS_TIMEOUT_MS, Deadline } from './deadline';
import { factContext } from './factContext';
import { internalErrorSummary } from './internalError';
import type { RuleFailure } from './lintDocument';
import type { FactValue, Rule, WorkspaceFacts } from './ruleApi';

/** One file's workspace facts, by name. */
export type CollectedFacts = { readonly [name: string]: readonly FactValue[] };

export interface FactCollection {
  readonly facts: CollectedFacts;
  /** the rules whose facts could not be collected: reported with the file's own findings */
  readonly failures: readonly RuleFailure[];
}

export interface CollectOptions {
  readonly strict?: boolean;
  /** the file's time budget for collecting (default: DEFAULT_ANALYSIS_TIMEOUT_MS) */
  readonly timeoutMs?: number;
}

/**
 * A lint's evaluator of the file's own values (no parameter file), with the deadline it checks: facts collected
 * with it reuse what the rules evaluated, which is most of what collecting costs.
 */
export interface SharedEvaluation {
  readonly evaluator: Evaluator;
  readonly deadline: Deadline;
}

/** What a file that tells the others nothing gives (one its config excludes, one that is not read). */
export const NO_FACTS_COLLECTED: FactCollection = { facts: {}, failures: [] };

/** Each fact of the rules once, by name, with the first rule that declares it (named if collecting it fails). */
function declaredFacts(rules: readonly Rule[]): Map<string, { readonly facts: WorkspaceFacts; readonly ruleId: string }> {
  const declared = new Map<string, { facts: WorkspaceFacts; ruleId: string }>();
  for (const rule of rules) for (const facts of rule.workspaceFacts ?? []) if (!declared.has(facts.name)) declared.set(facts.name, { facts, ruleId: rule.id });
  return declared;
}

/**
 * What a file tells the other files' rules: every fact the rules declare, collected on its own model with its own
 * values (no parameter file), whichever file is linted later. Each list is copied through JSON, so that no part of
 * the model stays reachable from the facts (a server keeps a closed file's facts, not its model) and what a custom
 * rule returns is plain JSON whatever it returned.
 */
export function collectFacts(document: AnalyzedDocument, rules: readonly Rule[], options: CollectOptions = {}, shared?: SharedEvaluation): FactCollection {
  const declared = declaredFacts(rules);
  if (declared.size === 0 || (!document.template && !document.kubernetesObjects?.length)) return NO_FACTS_COLLECTED;
  const deadline = shared?.deadline ?? new Deadline(options.timeoutMs ?? DEFAULT_ANALYSIS_TIMEOUT_MS);
  const evaluator = shared?.evaluator ?? new Evaluator({ check: deadline.check });
  const context = factContext(document, evaluator, (resource) => evaluator.resourceBody(resource), options.strict ?? false);
  const facts: Record<string, readonly FactValue[]> = {};
  const failures: RuleFailure[] = [];
  for (const [name, { facts: declaration, ruleId }] of declared) {
    try {
      deadline.during = `workspace facts ${name}`;
      deadline.checkNow();
      const collected = declaration.collect(context);
      if (collected.length > 0) facts[name] = JSON.parse(JSON.stringify(collected)) as FactValue[];
    } catch (error) {
      if (error instanceof AnalysisTimedOut) {
        failures.push({ ruleId, message: error.message });
        break;
      }
      failures.push({ ruleId, message: internalErrorSummary(error) });
    }
  }
  return { facts, failures };
}
