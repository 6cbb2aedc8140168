import type { Range } from './range';

export type SyntaxSeverity = 'error' | 'warning' | 'info';

/** A problem found while reading a file (not a rule finding): syntax errors, skipped content, limits hit. */
export interface SyntaxDiagnostic {
  readonly message: string;
  readonly range: Range;
  readonly severity: SyntaxSeverity;
  /** stable kebab-case id, e.g. `bicep-syntax`, `json-syntax`, `yaml-syntax`, `helm-template-skipped` */
  readonly code: string;
}

/** A comment in the source, kept so that suppression directives can be found without re-scanning. */
export interface Comment {
  readonly range: Range;
  /** the comment text without its markers (`//`, `/* *\/`, `#`) */
  readonly text: string;
}
