import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Severity } from '../lint/ruleApi';
import { listFiles, unlisted, type FileListing, type ListOptions } from './files';
import type { LintedFile } from './lintScan';
import type { FileFacts, MainToWorker, WorkerInput, WorkerToMain } from './parallelProtocol';

export interface ParallelScanOptions extends ScanSettings {
  readonly list?: ListOptions;
  /** the files of `inputs` as `listFiles` lists them with `list`, when the caller has listed them already */
  readonly listing?: FileListing;
  /** default: every core */
  readonly workers?: number;
  /** called as files are read and then linted */
  readonly onProgress?: (phase: 'reading' | 'linting', done: number, total: number) => void;
}

const sizeOf = (file: string) => {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0; // the worker reports why it cannot be read
  }
};

/** A worker's time on a file, in ms: so much per file and so much per MB of it, for each of the scan's phases. */
interface Cost {
  readonly read: readonly [perFile: number, perMb: number];
  readonly lint: readonly [perFile: number, perMb: number];
}

/**
 * Costs by kind of file, fitted to the times of every file of the shared corpus in the CLI's workers (both
 * phases, four runs): YAML costs several times what JSON or Bicep does to read, templates cost most to lint.
 */
const COSTS: Readonly<Record<'yaml' | 'bicep' | 'json', Cost>> = {
  yaml: { read: [0.47, 449], lint: [0.06, 21.5] },
  bicep: { read: [0.18, 109], lint: [0.18, 57.4] },
  json: { read: [0.26, 45.6], lint: [0.44, 27.4] },
};

function costOf(file: string): Cost {
  const extension = path.extname(file).toLowerCase();
  return extension === '.yaml' || extension === '.yml' ? COSTS.yaml : extension === '.bicep' || extension === '.bicepparam' ? COSTS.bicep : COSTS.json;
}

/** The longest of the shares' phase times, once `added` is added to share `at`'s. */
const longestWith = (times: readonly number[], at: number, added: number) => Math.max(...times.map((time, w) => (w === at ? time + added : time)));

/**
 * Shares whose reading and whose linting are each about as long as the others': the workers read until all are
 * done and only then lint, so either phase's longest share sets the time. The costliest file first, each goes to
 * the share where it leaves the two longest phases shortest.
 */
function shares(files: readonly string[], count: number): number[][] {
  const estimates = files.map((file, index) => {
    const { read, lint } = costOf(file);
    const mb = sizeOf(file) / 1e6;
    return { index, read: read[0] + read[1] * mb, lint: lint[0] + lint[1] * mb };
  });
  const totalRead = estimates.reduce((sum, e) => sum + e.read, 0);
  const totalLint = estimates.reduce((sum, e) => sum + e.lint, 0);
  const weight = (read: number, lint: number) => read / totalRead + lint / totalLint;
  const result = Array.from({ length: count }, () => [] as number[]);
  const reading = new Array<number>(count).fill(0);
  const linting = new Array<number>(count).fill(0);
  for (const e of estimates.sort((a, b) => weight(b.read, b.lint) - weight(a.read, a.lint) || a.index - b.index)) {
    let best = 0;
    let bestSpan = Infinity;
    for (let w = 0; w < count; w++) {
      const span = weight(longestWith(reading, w, e.read), longestWith(linting, w, e.lint));
      if (span < bestSpan) [best, bestSpan] = [w, span];
    }
    reading[best] += e.read;
    linting[best] += e.lint;
    result[best].push(e.index);
  }
  return result.map((share) => share.sort((a, b) => a - b));
}

/** The listing's problems as linted files: nothing read, nothing found. */
const unlintable = (listing: FileListing): LintedFile[] => unlisted(listing).map((result) => ({ result, findings: [], failures: [] }));

/** How the workers lint: the same for every file of the scan. */
export interface ScanSettings {
  readonly strict?: boolean;
  readonly severities?: ReadonlyMap<string, Severity | 'off'>;
  /** each file's time budget for reading its YAML and for the rules */
  readonly timeoutMs?: number;
  /** write each fix's edits (`Finding.fixEdits`), for an output that shows them (SARIF) */
  readonly fixEdits?: boolean;
}

/**
 * The threads of a parallel scan, started before the files are known: a worker takes about a tenth of a second to
 * start and load the engine, which the caller's listing of the files can hide.
 *
 * Each worker reads a share of the files and sends what each tells the others (its workspace facts); once every
 * share is read, each lints its own with the facts of all, reading another share's file only when it is a
 * parameter file of a template of its share.
 *
 * The results differ from the sequential ones in two ways, both invisible to the report formats: documents carry
 * no model (no `template`, `parameterFile` or `kubernetesObjects`), and fixes carry their title, safety and (when
 * asked) edits but no intents. Applying fixes (`--fix`) needs the sequential path.
 */
export class ScanWorkers {
  private readonly workers: Worker[];
  /** why a worker stopped before it was given its share, reported by `lint` */
  private failure: Error | undefined;
  private readonly stoppedEarly = (code: number) => (this.failure ??= new Error(`a scan worker stopped with exit code ${code} before its share was given`));

  constructor(count: number, settings: ScanSettings) {
    const input: WorkerInput = { strict: settings.strict ?? false, fixEdits: settings.fixEdits ?? false, ...(settings.severities ? { severities: settings.severities } : {}), ...(settings.timeoutMs ? { timeoutMs: settings.timeoutMs } : {}) };
    this.workers = Array.from({ length: Math.max(1, count) }, () => new Worker(path.join(__dirname, 'parallelWorker.js'), { workerData: input }));
    for (const worker of this.workers) {
      worker.once('error', (error) => (this.failure ??= error));
      worker.once('exit', this.stoppedEarly);
    }
  }

  /** Reads and lints the files listed, then stops the workers: they serve one scan. */
  async lint(listing: FileListing, onProgress?: ParallelScanOptions['onProgress']): Promise<LintedFile[]> {
    const total = listing.problems.length + listing.files.length;
    const results = unlintable(listing);
    const offset = listing.problems.length;
    const { workers } = this;
    const read = new Array<number>(workers.length).fill(0);
    const facts: FileFacts[] = [];
    let sharesRead = 0;
    let linted = 0;
    const startLinting = () => {
      facts.sort((a, b) => a.index - b.index);
      const message: MainToWorker = { kind: 'lint', facts };
      for (const worker of workers) worker.postMessage(message);
    };
    try {
      if (this.failure) throw this.failure;
      for (const worker of workers) worker.off('exit', this.stoppedEarly);
      const given = shares(listing.files, workers.length);
      // A worker is done when its share's results are in: its exit (tearing down its heap) is not waited for.
      const done = workers.map(
        (worker, w) =>
          new Promise<void>((resolve, reject) => {
            let lintedHere = 0;
            worker.on('message', (message: WorkerToMain) => {
              switch (message.kind) {
                case 'reading':
                  read[w] = message.done;
                  onProgress?.('reading', offset + read.reduce((a, b) => a + b, 0), total);
                  break;
                case 'read':
                  read[w] = message.facts.length;
                  facts.push(...message.facts);
                  if (++sharesRead === workers.length) startLinting();
                  break;
                case 'linted':
                  for (const { index, file } of message.files) results[offset + index] = file;
                  linted += message.files.length;
                  lintedHere += message.files.length;
                  onProgress?.('linting', offset + linted, total);
                  if (lintedHere === given[w].length) resolve();
                  break;
              }
            });
            worker.on('error', reject);
            worker.on('exit', (code) => (code === 0 && lintedHere === given[w].length ? resolve() : reject(new Error(`a scan worker stopped with exit code ${code}`))));
          }),
      );
      given.forEach((share, w) => workers[w].postMessage({ kind: 'read', files: listing.files, share } satisfies MainToWorker));
      await Promise.all(done);
    } finally {
      for (const worker of workers) void worker.terminate();
    }
    return results;
  }
}

/** `lintScan(scan(inputs))` on every core, with the built-in rules (see `ScanWorkers`). */
export async function parallelScan(inputs: readonly string[], options: ParallelScanOptions = {}): Promise<LintedFile[]> {
  const listing = options.listing ?? listFiles(inputs, options.list);
  if (listing.files.length === 0) return unlintable(listing);
  const workers = new ScanWorkers(Math.min(options.workers ?? os.availableParallelism(), listing.files.length), options);
  return workers.lint(listing, options.onProgress);
}
