import type { LintedFile } from '../../engine/lintScan';
import type { Catalogue } from '../../lint/catalogue';

/** Everything an output format needs: the linted files, the rules that ran, and where paths are relative to. */
export interface Report {
  readonly files: readonly LintedFile[];
  readonly catalogue: Catalogue;
  readonly base: string;
  /** the baseline the run compares with (`--baseline`), for formats that mark results new or unchanged */
  readonly baseline?: BaselineInUse;
}

export interface BaselineInUse {
  /** the baseline file as given */
  readonly file: string;
  /** the fingerprints it accepts */
  readonly accepted: ReadonlySet<string>;
}
