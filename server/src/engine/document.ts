import type { AnalysisTimedOut } from '../lint/deadline';
import type { Comment, SyntaxDiagnostic } from '../text/syntaxDiagnostic';
import type { KubernetesObject } from '../model/kubernetes';
import type { ParameterFile, Template } from '../model/template';

/** What a file turned out to be; only the first six are linted. */
export type DocumentFormat =
  | 'bicep'
  | 'bicepparam'
  | 'arm-template'
  | 'arm-parameters'
  | 'kubernetes'
  | 'helm'
  | 'not-linted';

/** A file read into the model: what rules and outputs work from. */
export interface AnalyzedDocument {
  readonly path: string;
  readonly text: string;
  readonly format: DocumentFormat;
  readonly diagnostics: readonly SyntaxDiagnostic[];
  readonly comments: readonly Comment[];
  readonly template?: Template;
  readonly parameterFile?: ParameterFile;
  readonly kubernetesObjects?: readonly KubernetesObject[];
  /** reading stopped when the file's time budget ran out: the model holds what was read before */
  readonly timedOut?: AnalysisTimedOut;
}

export function isLinted(document: AnalyzedDocument): boolean {
  return document.format !== 'not-linted';
}
