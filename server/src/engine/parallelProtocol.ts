import type { Severity } from '../lint/ruleApi';
import type { CollectedFacts } from '../lint/collectFacts';
import type { LintedFile } from './lintScan';

/**
 * The messages between `parallelScan` and its workers. Everything here survives structured cloning: template
 * models and fix intents never cross a thread.
 */

/** A worker's `workerData`: how it lints, known before the files are. */
export interface WorkerInput {
  readonly strict: boolean;
  /** write each fix's edits (see ScanSettings) */
  readonly fixEdits: boolean;
  readonly severities?: ReadonlyMap<string, Severity | 'off'>;
  readonly timeoutMs?: number;
}

/** What another worker needs to know of a file without reading it. */
export interface FileFacts {
  readonly index: number;
  /** the templates it holds parameters for, as `parameterFileKeys` names them */
  readonly parameterKeys: readonly string[];
  /** what it tells the other files' rules (see lint/collectFacts) */
  readonly workspaceFacts: CollectedFacts;
}

export type MainToWorker =
  | {
      readonly kind: 'read';
      /** every file of the scan, in scan order: a file's index is its place in this list */
      readonly files: readonly string[];
      /** the indices of the files this worker reads and lints */
      readonly share: readonly number[];
    }
  /** the facts of every file of the scan, in index order: the worker lints its share */
  | { readonly kind: 'lint'; readonly facts: readonly FileFacts[] };

export type WorkerToMain =
  /** how many files of its share the worker has read so far */
  | { readonly kind: 'reading'; readonly done: number }
  /** the worker's share is read: the facts of its files */
  | { readonly kind: 'read'; readonly facts: readonly FileFacts[] }
  /** files of the share, with documents reduced to what outputs read and fixes to their titles */
  | { readonly kind: 'linted'; readonly files: readonly { readonly index: number; readonly file: LintedFile }[] };
