import type { Severity } from '../lint/ruleApi';
import type { FileListing } from './files';
import type { LintedFile } from './lintScan';

/**
 * The messages between `parallelScan` and its workers. Everything here survives structured cloning: model
 * objects and fix intents never cross a thread.
 */

export interface WorkerInput {
  readonly listing: FileListing;
  readonly strict: boolean;
  readonly severities?: ReadonlyMap<string, Severity | 'off'>;
}

/** Indices into the scan's files (listing problems first, then the files, as `scan` orders them), end exclusive. */
export interface Chunk {
  readonly start: number;
  readonly end: number;
}

export type MainToWorker = { readonly kind: 'lint'; readonly chunk: Chunk } | { readonly kind: 'stop' };

export type WorkerToMain =
  /** how many files the worker has read so far */
  | { readonly kind: 'reading'; readonly done: number }
  /** every file has been read; the worker is ready for chunks to lint */
  | { readonly kind: 'ready' }
  /** the chunk's files, with documents reduced to what outputs read and fixes to their titles */
  | { readonly kind: 'linted'; readonly chunk: Chunk; readonly files: readonly LintedFile[] };
