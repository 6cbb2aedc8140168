import * as path from 'node:path';
import type { AnalyzedDocument } from '../engine/document';
import { Evaluator } from '../evaluate/evaluator';
import { newValues } from '../fix/intent';
import { LineIndex } from '../text/lineIndex';
import type { Range } from '../text/range';
import { ANALYSIS_TIMEOUT, AnalysisTimedOut, DEFAULT_ANALYSIS_TIMEOUT_MS, Deadline } from './deadline';
import { DEPLOYED_LOOKUP_FAILED, resourceBodies, type DeployedBodies } from './existingBodies';
import type { Finding } from './finding';
import { internalErrorSummary } from './internalError';
import { collectFacts, type FactCollection } from './collectFacts';
import { factContext } from './factContext';
import { locate } from './place';
import type { Report, Rule, RuleContext, RuleTarget, Severity, WorkspaceView } from './ruleApi';
import { applySuppressions, SUPPRESSION_MISSING_REASON, SUPPRESSION_UNUSED } from './suppressions';

export interface LintOptions {
  readonly rules: readonly Rule[];
  /** report unknown values as `info` findings */
  readonly strict?: boolean;
  /** the other files of the workspace, for rules that look across files */
  readonly workspace?: WorkspaceView;
  /** a parameter file that belongs to the template being linted: its values are used instead of defaults */
  readonly parameterFile?: AnalyzedDocument;
  /** severities set by configuration; `off` turns a rule off */
  readonly severities?: ReadonlyMap<string, Severity | 'off'>;
  /** the file's time budget for the rules and the evaluation they ask for (default: DEFAULT_ANALYSIS_TIMEOUT_MS) */
  readonly timeoutMs?: number;
  /** what is deployed for `existing` resources, when the editor looks them up (azure/existing) */
  readonly deployed?: DeployedBodies;
  /**
   * The line index of the document's text, when the caller keeps one: the editor has one for its diagnostics,
   * and indexing a large file again on every edit shows in its latency.
   */
  readonly lines?: () => LineIndex;
  /**
   * Also collect the file's workspace facts (lint/collectFacts) with the values the rules used, when they are of
   * the file's own values (no parameter file) and the rules ran out of time nowhere.
   */
  readonly collectFacts?: boolean;
}

export interface RuleFailure {
  readonly ruleId: string;
  /** the error's class and where it was thrown; never its message, which may quote the file */
  readonly message: string;
}

export interface LintResult {
  readonly findings: Finding[];
  /** rules that threw: reported, never allowed to stop the others */
  readonly failures: RuleFailure[];
  /** the file's workspace facts, when `collectFacts` asked for them and they could be collected with the rules' values */
  readonly facts?: FactCollection;
}

/** The engine's own findings, which a suppression may name too. */
const ENGINE_CHECK_IDS = [SUPPRESSION_MISSING_REASON, SUPPRESSION_UNUSED, ANALYSIS_TIMEOUT, DEPLOYED_LOOKUP_FAILED];

const EMPTY_WORKSPACE: WorkspaceView = { facts: () => [] };

function targetsOf(document: AnalyzedDocument): Set<RuleTarget> {
  const targets = new Set<RuleTarget>();
  if (document.template) targets.add('template');
  if (document.parameterFile) targets.add('parameters');
  if (document.kubernetesObjects && document.kubernetesObjects.length > 0) targets.add('kubernetes');
  return targets;
}

/** The finding a file gets when its time budget runs out: where in the file does not matter, so at its start. */
function timedOut(error: AnalysisTimedOut, consequence: string): Finding {
  return { ruleId: ANALYSIS_TIMEOUT, severity: 'warning', message: `${error.message}; ${consequence}`, range: { start: 0, end: 0 }, related: [] };
}

/** A budget for one file, shared by the runs a file gets (on its own, then with each of its parameter files). */
export const deadlineFor = (options: LintOptions) => new Deadline(options.timeoutMs ?? DEFAULT_ANALYSIS_TIMEOUT_MS);

/**
 * Runs every applicable rule over one analysed document and locates what they report. A rule that throws is
 * reported as a failure and the others go on; when the file's time is up, the rules left do not run.
 */
export function lintDocument(document: AnalyzedDocument, options: LintOptions, deadline = deadlineFor(options)): LintResult {
  const findings: Finding[] = [];
  const failures: RuleFailure[] = [];
  // The budget went on reading: findings on the part read would look like the whole file's, so there are none.
  // Suppressions are not applied either, as the rules they name did not run.
  if (document.timedOut) return { findings: [timedOut(document.timedOut, 'the rest of the file was not read and no rule ran on it')], failures };
  const targets = targetsOf(document);
  if (targets.size === 0) return { findings, failures };

  // The line indexes of the document (shared with the suppressions) and of the parameter file, built when first needed.
  let documentIndex: LineIndex | undefined;
  let parameterFileIndex: LineIndex | undefined;
  const documentLines = () => (documentIndex ??= options.lines?.() ?? new LineIndex(document.text));
  const lineOf = (range: Range, file?: string) => {
    const parameterFile = file && options.parameterFile && path.resolve(file) === path.resolve(options.parameterFile.path) ? options.parameterFile : undefined;
    const index = parameterFile ? (parameterFileIndex ??= new LineIndex(parameterFile.text)) : documentLines();
    return index.positionAt(range.start).line + 1;
  };

  const evaluator = new Evaluator({
    check: deadline.check,
    ...(options.parameterFile?.parameterFile ? { parameterFile: options.parameterFile.parameterFile, parameterFilePath: options.parameterFile.path, ...(document.template ? { template: document.template } : {}) } : {}),
  });
  const bodyOf = resourceBodies(evaluator, options.deployed, (finding) => findings.push(finding));

  // The rules share one context, which reports for the rule that is running: a context per rule cost more to
  // build than most rules take to run.
  let rule: Rule;
  let configured: Severity | undefined;
  // What the rule masked since its last report: the secrets the next finding's message speaks of.
  const masked: string[] = [];
  const report = (r: Report) => {
    deadline.check();
    const { range, related, origin } = locate(r.at, lineOf);
    const extra = (r.related ?? []).map((x) => {
      const at = locate(x.at, lineOf);
      // An origin's line numbers are this file's: one in another file is left out rather than misnumbered.
      return { message: at.origin && !x.file ? `${x.message} (${at.origin})` : x.message, range: at.range, ...(x.file ? { file: x.file } : {}) };
    });
    findings.push({
      ruleId: rule.id,
      severity: configured ?? r.severity ?? rule.severity,
      message: origin ? `${r.message} (${origin})` : r.message,
      range,
      related: [...related, ...extra],
      ...(r.fix ? { fix: r.fix } : {}),
      ...(masked.length > 0 ? { secrets: masked.splice(0) } : {}),
    });
  };
  const read = factContext(document, evaluator, bodyOf, options.strict ?? false);
  const context: RuleContext = {
    ...read,
    workspace: options.workspace ?? EMPTY_WORKSPACE,
    values: newValues,
    report,
    mask(secret) {
      masked.push(secret);
      return read.mask(secret);
    },
    cannotVerify(at, what) {
      if (!read.strict) return;
      const value = 'state' in at ? (at.state === 'absent' ? undefined : at.value) : at;
      if (value?.kind !== 'unknown') return;
      report({ message: `cannot verify ${what}: ${value.reason}`, at, severity: 'info' });
    },
  };

  let outOfTime = false;
  for (rule of options.rules) {
    const severity = options.severities?.get(rule.id);
    if (severity === 'off' || !rule.targets.some((t) => targets.has(t))) continue;
    configured = severity;
    masked.length = 0;
    try {
      deadline.during = `rule ${rule.id}`;
      deadline.checkNow();
      rule.check(context);
    } catch (error) {
      if (error instanceof AnalysisTimedOut) {
        findings.push(timedOut(error, 'the rules after it did not run on this file'));
        outOfTime = true;
        break;
      }
      failures.push({ ruleId: rule.id, message: internalErrorSummary(error) });
    }
  }
  // Deployed bodies change what rules see of `existing` resources only: facts read declarations through the evaluator.
  const collected = options.collectFacts && !options.parameterFile && !outOfTime ? collectFacts(document, options.rules, { strict: read.strict }, { evaluator, deadline }) : undefined;
  // Facts the rules' budget ran out on are left to the caller, which collects them with a budget of their own.
  const facts = collected && !deadline.expired ? collected : undefined;
  findings.sort((a, b) => a.range.start - b.range.start || a.ruleId.localeCompare(b.ruleId));
  return { findings: applySuppressions(document, findings, [...options.rules.map((r) => r.id), ...ENGINE_CHECK_IDS], documentLines), failures, ...(facts ? { facts } : {}) };
}
