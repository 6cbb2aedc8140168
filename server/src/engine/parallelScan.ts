import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Severity } from '../lint/ruleApi';
import { listFiles, type ListOptions } from './files';
import type { LintedFile } from './lintScan';
import type { Chunk, MainToWorker, WorkerInput, WorkerToMain } from './parallelProtocol';

export interface ParallelScanOptions {
  readonly strict?: boolean;
  readonly severities?: ReadonlyMap<string, Severity | 'off'>;
  readonly list?: ListOptions;
  /** default: every core */
  readonly workers?: number;
  /** files per chunk handed to a worker; small enough to balance, large enough to keep messages few */
  readonly chunkSize?: number;
  /** called as files are read (by the slowest worker) and then linted */
  readonly onProgress?: (phase: 'reading' | 'linting', done: number, total: number) => void;
}

/**
 * `lintScan(scan(inputs))` on every core, with the built-in rules. Each worker reads all the files (a file's
 * rules see the whole workspace) and lints the chunks it is handed, so linting is shared and reading is not.
 *
 * The results differ from the sequential ones in two ways, both invisible to the report formats: documents carry
 * no model (no `template`, `parameterFile` or `kubernetesObjects`), and fixes carry their title and safety but no
 * intents. Applying fixes (`--fix`) needs the sequential path.
 */
export async function parallelScan(inputs: readonly string[], options: ParallelScanOptions = {}): Promise<LintedFile[]> {
  const listing = listFiles(inputs, options.list);
  const total = listing.problems.length + listing.files.length;
  const results: LintedFile[] = new Array(total);
  if (total === 0) return results;
  const workerCount = Math.max(1, Math.min(options.workers ?? os.availableParallelism(), total));
  const chunkSize = Math.max(1, options.chunkSize ?? Math.min(64, Math.ceil(total / (workerCount * 8))));
  const input: WorkerInput = { listing, strict: options.strict ?? false, ...(options.severities ? { severities: options.severities } : {}) };

  let next = 0;
  let linted = 0;
  const reading = new Array<number>(workerCount).fill(0);
  const nextChunk = (): Chunk | undefined => {
    if (next >= total) return undefined;
    const chunk = { start: next, end: Math.min(total, next + chunkSize) };
    next = chunk.end;
    return chunk;
  };

  const workers = Array.from({ length: workerCount }, () => new Worker(path.join(__dirname, 'parallelWorker.js'), { workerData: input }));
  try {
    await Promise.all(
      workers.map(
        (worker, w) =>
          new Promise<void>((resolve, reject) => {
            const send = (message: MainToWorker) => worker.postMessage(message);
            const handOut = () => {
              const chunk = nextChunk();
              send(chunk ? { kind: 'lint', chunk } : { kind: 'stop' });
              if (!chunk) resolve();
            };
            worker.on('message', (message: WorkerToMain) => {
              switch (message.kind) {
                case 'reading':
                  reading[w] = message.done;
                  options.onProgress?.('reading', Math.min(...reading), total);
                  break;
                case 'ready':
                  handOut();
                  break;
                case 'linted':
                  message.files.forEach((file, i) => (results[message.chunk.start + i] = file));
                  linted += message.files.length;
                  options.onProgress?.('linting', linted, total);
                  handOut();
                  break;
              }
            });
            worker.on('error', reject);
            worker.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`a scan worker stopped with exit code ${code}`))));
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return results;
}
