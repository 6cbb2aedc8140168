import type { Range } from '../text/range';
import type { FileEdits } from '../fix/fileEdits';
import type { Fix, Severity } from './ruleApi';

export interface RelatedLocation {
  readonly message: string;
  readonly range: Range;
  /** the file, when it is not the one the finding is in */
  readonly file?: string;
}

export interface Suppression {
  /** the reason written after `--`, or in the suppressing annotation or metadata */
  readonly reason: string;
  /** where the suppression is written */
  readonly range: Range;
}

/** A rule's finding in one file, located and ready for any output (LSP, text, JSON, SARIF). */
export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  readonly range: Range;
  readonly related: readonly RelatedLocation[];
  readonly fix?: Fix;
  /**
   * The fix's edits, when they were written where the model is, for an output that gets the finding without it (a
   * scan's worker sends its fix without intents, which point into the model): none when they cannot be written.
   */
  readonly fixEdits?: FileEdits;
  /** set when a suppression comment, metadata entry or annotation covers the finding */
  readonly suppression?: Suppression;
  /** the secrets the message shows masked; never printed, only used to mask them wherever source text is shown */
  readonly secrets?: readonly string[];
}
