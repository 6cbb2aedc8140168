import type { LintedFile } from '../../engine/lintScan';
import type { Catalogue } from '../../lint/catalogue';

/** Everything an output format needs: the linted files, the rules that ran, and where paths are relative to. */
export interface Report {
  readonly files: readonly LintedFile[];
  readonly catalogue: Catalogue;
  readonly base: string;
}
