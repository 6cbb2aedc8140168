import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Severity } from '../lint/ruleApi';
import { listFiles, type FileListing, type ListOptions } from './files';
import type { LintedFile } from './lintScan';
import type { FileFacts, MainToWorker, WorkerInput, WorkerToMain } from './parallelProtocol';

export interface ParallelScanOptions {
  readonly strict?: boolean;
  readonly severities?: ReadonlyMap<string, Severity | 'off'>;
  /** each file's time budget for reading its YAML and for the rules */
  readonly timeoutMs?: number;
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

/**
 * Shares of about equal bytes of each kind of file (YAML costs several times what JSON or Bicep does per byte to
 * read, templates cost most to lint): within each extension, the largest file goes to the share with the fewest
 * bytes of it, then the next largest.
 */
function shares(files: readonly string[], count: number): number[][] {
  const result = Array.from({ length: count }, () => [] as number[]);
  const byExtension = new Map<string, { index: number; bytes: number }[]>();
  files.forEach((file, index) => {
    const extension = path.extname(file).toLowerCase();
    let group = byExtension.get(extension);
    if (!group) byExtension.set(extension, (group = []));
    group.push({ index, bytes: sizeOf(file) });
  });
  for (const group of byExtension.values()) {
    const bytes = new Array<number>(count).fill(0);
    for (const { index, bytes: size } of group.sort((a, b) => b.bytes - a.bytes || a.index - b.index)) {
      const lightest = bytes.indexOf(Math.min(...bytes));
      bytes[lightest] += size;
      result[lightest].push(index);
    }
  }
  return result.map((share) => share.sort((a, b) => a - b));
}

/**
 * `lintScan(scan(inputs))` on every core, with the built-in rules. Each worker reads a share of the files and
 * sends what each tells the others (its workspace facts); once every share is read, each lints its own with the
 * facts of all, reading another share's file only when it is a parameter file of a template of its share.
 *
 * The results differ from the sequential ones in two ways, both invisible to the report formats: documents carry
 * no model (no `template`, `parameterFile` or `kubernetesObjects`), and fixes carry their title and safety but no
 * intents. Applying fixes (`--fix`) needs the sequential path.
 */
export async function parallelScan(inputs: readonly string[], options: ParallelScanOptions = {}): Promise<LintedFile[]> {
  const listing = options.listing ?? listFiles(inputs, options.list);
  const total = listing.problems.length + listing.files.length;
  const results: LintedFile[] = listing.problems.map((p) => ({ result: { kind: 'unreadable', path: p.path, message: p.message }, findings: [], failures: [] }));
  if (listing.files.length === 0) return results;
  const workerCount = Math.max(1, Math.min(options.workers ?? os.availableParallelism(), listing.files.length));
  const settings = { strict: options.strict ?? false, ...(options.severities ? { severities: options.severities } : {}), ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) };
  const offset = listing.problems.length;

  const read = new Array<number>(workerCount).fill(0);
  const facts: FileFacts[] = [];
  let sharesRead = 0;
  let linted = 0;
  const workers = shares(listing.files, workerCount).map((share) => new Worker(path.join(__dirname, 'parallelWorker.js'), { workerData: { files: listing.files, share, ...settings } satisfies WorkerInput }));
  const startLinting = () => {
    facts.sort((a, b) => a.index - b.index);
    const message: MainToWorker = { kind: 'lint', facts };
    for (const worker of workers) worker.postMessage(message);
  };
  try {
    await Promise.all(
      workers.map(
        (worker, w) =>
          new Promise<void>((resolve, reject) => {
            worker.on('message', (message: WorkerToMain) => {
              switch (message.kind) {
                case 'reading':
                  read[w] = message.done;
                  options.onProgress?.('reading', offset + read.reduce((a, b) => a + b, 0), total);
                  break;
                case 'read':
                  read[w] = message.facts.length;
                  facts.push(...message.facts);
                  if (++sharesRead === workerCount) startLinting();
                  break;
                case 'linted':
                  for (const { index, file } of message.files) results[offset + index] = file;
                  linted += message.files.length;
                  options.onProgress?.('linting', offset + linted, total);
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
