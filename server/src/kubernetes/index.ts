import { internalErrorSummary } from '../lint/internalError';
import type { KubernetesObject } from '../model/kubernetes';
import type { Range } from '../text/range';
import type { Comment, SyntaxDiagnostic } from '../text/syntaxDiagnostic';
import { scanCst } from './cstScan';
import { findHelmAction, helmSkipped } from './helm';
import { findDeepIndentation, MAX_DEPTH } from './nesting';
import { kubernetesObjects } from './objects';
import { composeDocuments, tokenPasses, withoutContent, yamlDiagnostics } from './yamlDocuments';
import { aliasBudget, documentValue } from './yamlValue';

export interface KubernetesLoad {
  readonly objects: KubernetesObject[];
  readonly diagnostics: SyntaxDiagnostic[];
  readonly comments: Comment[];
  /** at least one Kubernetes object was found */
  readonly isKubernetes: boolean;
  /** the file is a Helm chart template (Go template, not YAML) and was not read */
  readonly helmTemplate: boolean;
}

/**
 * Reads a (multi-document) YAML manifest. Never throws. A document with YAML errors yields no objects (kubectl
 * would not apply it either) but its errors are reported and the other documents still load.
 * A Helm chart template is told by its content: one without a template action is the manifest it deploys.
 */
export function loadKubernetes(text: string): KubernetesLoad {
  try {
    return load(text);
  } catch (error) {
    const message = `Internal error while reading YAML: ${internalErrorSummary(error)}`;
    return notAnalysed({ message, range: { start: 0, end: 0 }, severity: 'error', code: 'yaml-internal-error' });
  }
}

function load(text: string): KubernetesLoad {
  const deepLine = findDeepIndentation(text);
  if (deepLine !== undefined) {
    const message = `YAML indented or nested too deeply (past column ${2 * MAX_DEPTH}); this file is not analysed`;
    return notAnalysed(depthLimit(message, deepLine));
  }
  return readManifest(text);
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
export function readManifest(text: string): ManifestRead {
  const tokens = tokenPasses(text);
  const facts = scanCst(text, tokens());
  const helmAction = findHelmAction(text, facts.braceBraces);
  if (helmAction) return { ...helmLoad(helmAction), documents: 0, nodeCount: facts.nodeCount, aliasNodes: 0, aliasBudgetExhausted: false };
  const diagnostics: SyntaxDiagnostic[] = [];
  for (const { offset } of facts.tooDeep) {
    diagnostics.push(depthLimit(`YAML nested more than ${MAX_DEPTH} levels deep; this document is not analysed`, offset));
  }
  const budget = aliasBudget(facts.nodeCount);
  const granted = budget.remaining;
  const objects: KubernetesObject[] = [];
  let documentIndex = 0;
  for (const document of composeDocuments(withoutContent(tokens(), new Set(facts.tooDeep.map((d) => d.documentOffset))))) {
    const index = documentIndex++;
    diagnostics.push(...yamlDiagnostics(document, text));
    if (document.errors.length > 0 || !document.contents) continue;
    const value = documentValue(document.contents, text, budget, diagnostics);
    objects.push(...kubernetesObjects(value, index));
  }
  diagnostics.sort((a, b) => a.range.start - b.range.start);
  return {
    objects,
    diagnostics,
    comments: facts.comments,
    isKubernetes: objects.length > 0,
    helmTemplate: false,
    documents: documentIndex,
    nodeCount: facts.nodeCount,
    aliasNodes: granted - budget.remaining,
    aliasBudgetExhausted: budget.exhausted,
  };
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
