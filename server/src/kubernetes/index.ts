import type { CST } from 'yaml';
import { AnalysisTimedOut, type Deadline } from '../lint/deadline';
import { internalErrorSummary } from '../lint/internalError';
import type { KubernetesObject } from '../model/kubernetes';
import type { Range } from '../text/range';
import type { Comment, SyntaxDiagnostic } from '../text/syntaxDiagnostic';
import { scanCst, type CstFacts } from './cstScan';
import { findHelmAction, helmSkipped } from './helm';
import { findDeepIndentation, MAX_DEPTH } from './nesting';
import { kubernetesObjects } from './objects';
import { composeDocuments, tokenPasses, withoutContent, yamlDiagnostics } from './yamlDocuments';
import { aliasBudget, documentValue, type AliasBudget } from './yamlValue';

export interface KubernetesLoad {
  readonly objects: KubernetesObject[];
  readonly diagnostics: SyntaxDiagnostic[];
  readonly comments: Comment[];
  /** at least one Kubernetes object was found */
  readonly isKubernetes: boolean;
  /** the file is a Helm chart template (Go template, not YAML) and was not read */
  readonly helmTemplate: boolean;
  /** the file's time budget ran out: `objects` are those of the documents read before, the rest was not read */
  readonly timedOut?: AnalysisTimedOut;
}

/**
 * Reads a (multi-document) YAML manifest. Never throws. A document with YAML errors yields no objects (kubectl
 * would not apply it either) but its errors are reported and the other documents still load.
 * A Helm chart template is told by its content: one without a template action is the manifest it deploys.
 * With a deadline, reading stops when it passes, inside a document too: its parse is checked every few thousand
 * lexemes, and a document is composed only if the time left is enough for it.
 */
export function loadKubernetes(text: string, deadline?: Deadline): KubernetesLoad {
  try {
    return load(text, deadline);
  } catch (error) {
    const message = `Internal error while reading YAML: ${internalErrorSummary(error)}`;
    return notAnalysed({ message, range: { start: 0, end: 0 }, severity: 'error', code: 'yaml-internal-error' });
  }
}

function load(text: string, deadline: Deadline | undefined): KubernetesLoad {
  const deepLine = findDeepIndentation(text);
  if (deepLine !== undefined) {
    const message = `YAML indented or nested too deeply (past column ${2 * MAX_DEPTH}); this file is not analysed`;
    return notAnalysed(depthLimit(message, deepLine));
  }
  return readManifest(text, deadline);
}

/** One read of a manifest's YAML, with what tells whether reads of its parts would have given the same. */
export interface ManifestRead extends KubernetesLoad {
  /** YAML documents composed, so that a part read alone can be numbered as in the whole */
  readonly documents: number;
  /** nodes written in the source, which size the alias budget */
  readonly nodeCount: number;
  /** nodes the alias budget paid for */
  readonly aliasNodes: number;
  readonly aliasBudgetExhausted: boolean;
}

/** Reads YAML already known not to be indented too deeply (see `findDeepIndentation`). */
export function readManifest(text: string, deadline?: Deadline): ManifestRead {
  if (deadline) deadline.during = 'reading YAML';
  const objects: KubernetesObject[] = [];
  const diagnostics: SyntaxDiagnostic[] = [];
  let facts: CstFacts | undefined;
  let documentIndex = 0;
  let budget: AliasBudget | undefined;
  let granted = 0;
  const read = (timedOut?: AnalysisTimedOut): ManifestRead => {
    diagnostics.sort((a, b) => a.range.start - b.range.start);
    return {
      objects,
      diagnostics,
      comments: facts?.comments ?? [],
      isKubernetes: objects.length > 0,
      helmTemplate: false,
      documents: documentIndex,
      nodeCount: facts?.nodeCount ?? 0,
      aliasNodes: budget ? granted - budget.remaining : 0,
      aliasBudgetExhausted: budget?.exhausted ?? false,
      ...(timedOut ? { timedOut } : {}),
    };
  };
  try {
    const tokens = tokenPasses(text, deadline ? () => deadline.checkNow() : undefined);
    const parseMs = new Map<number, number>();
    facts = scanCst(text, deadline ? timedDocuments(tokens(), parseMs) : tokens());
    const helmAction = findHelmAction(text, facts.braceBraces);
    if (helmAction) return { ...helmLoad(helmAction), documents: 0, nodeCount: facts.nodeCount, aliasNodes: 0, aliasBudgetExhausted: false };
    for (const { offset } of facts.tooDeep) {
      diagnostics.push(depthLimit(`YAML nested more than ${MAX_DEPTH} levels deep; this document is not analysed`, offset));
    }
    budget = aliasBudget(facts.nodeCount);
    granted = budget.remaining;
    const composed = withoutContent(tokens(), new Set(facts.tooDeep.map((d) => d.documentOffset)));
    for (const document of composeDocuments(deadline ? timeLeftToCompose(composed, parseMs, deadline) : composed)) {
      const index = documentIndex++;
      diagnostics.push(...yamlDiagnostics(document, text));
      if (document.errors.length === 0 && document.contents) objects.push(...kubernetesObjects(documentValue(document.contents, text, budget, diagnostics), index));
      // kept tokens are composed without parsing again, so the parser's check does not run in this pass
      deadline?.checkNow();
    }
  } catch (error) {
    if (!(error instanceof AnalysisTimedOut)) throw error;
    return read(error);
  }
  return read();
}

/**
 * Composing a document and converting its value take up to this many times as long as parsing it did, with a
 * margin: measured 0.6 over the corpus's YAML, 0.6 to 1.1 for generated single documents of 5 to 50 MB.
 */
const COMPOSE_PER_PARSE = 1.5;

/** The tokens, noting how long the parser took to yield each document (by its offset). */
function* timedDocuments(tokens: Iterable<CST.Token>, parseMs: Map<number, number>): Generator<CST.Token> {
  let since = Date.now();
  for (const token of tokens) {
    if (token.type === 'document') parseMs.set(token.offset, Date.now() - since);
    yield token;
    since = Date.now();
  }
}

/**
 * The tokens, each document passed on only if the time left is enough to compose it: composition cannot be
 * stopped inside a document, so one that would run past the budget times out before it starts.
 */
function* timeLeftToCompose(tokens: Iterable<CST.Token>, parseMs: ReadonlyMap<number, number>, deadline: Deadline): Generator<CST.Token> {
  for (const token of tokens) {
    if (token.type === 'document') deadline.checkTimeLeft(COMPOSE_PER_PARSE * (parseMs.get(token.offset) ?? 0));
    yield token;
  }
}

function notAnalysed(diagnostic: SyntaxDiagnostic): KubernetesLoad {
  return { objects: [], diagnostics: [diagnostic], comments: [], isKubernetes: false, helmTemplate: false };
}

function depthLimit(message: string, offset: number): SyntaxDiagnostic {
  return { message, range: { start: offset, end: offset + 1 }, severity: 'warning', code: 'yaml-depth-limit' };
}

function helmLoad(range: Range): KubernetesLoad {
  return { objects: [], diagnostics: [helmSkipped(range)], comments: [], isKubernetes: false, helmTemplate: true };
}
