import { parentPort, workerData } from 'node:worker_threads';
import { builtinCatalogue } from '../lint/catalogue';
import type { Finding } from '../lint/finding';
import { scanLinter, type LintedFile } from './lintScan';
import type { MainToWorker, WorkerInput, WorkerToMain } from './parallelProtocol';
import { readAndAnalyze, type FileResult, type ScanResult } from './scan';

/**
 * A worker of `parallelScan`. It reads every file, because the rules of one file see the whole workspace (and
 * models are too costly to copy between threads: more than reading them again), then lints the chunks it is
 * given and sends back what outputs need.
 */

const REPORT_EVERY = 64;

function post(message: WorkerToMain): void {
  parentPort!.postMessage(message);
}

/** A finding without its fix intents, which point into this thread's model; outputs only show the fix title. */
function portable(finding: Finding): Finding {
  return finding.fix ? { ...finding, fix: { title: finding.fix.title, safe: finding.fix.safe, intents: [] } } : finding;
}

/** The document as outputs read it (path, text, format, diagnostics, comments), without its model. */
function portableResult(result: FileResult): FileResult {
  if (result.kind !== 'analyzed') return result;
  const { path, text, format, diagnostics, comments } = result.document;
  return { ...result, document: { path, text, format, diagnostics, comments } };
}

const input = workerData as WorkerInput;
const files: FileResult[] = input.listing.problems.map((p) => ({ kind: 'unreadable', path: p.path, message: p.message }));
for (const file of input.listing.files) {
  files.push(readAndAnalyze(file));
  if (files.length % REPORT_EVERY === 0) post({ kind: 'reading', done: files.length });
}
const scan: ScanResult = { files };
const lint = scanLinter(scan, { catalogue: builtinCatalogue(), strict: input.strict, ...(input.severities ? { severities: input.severities } : {}) });

parentPort!.on('message', (message: MainToWorker) => {
  if (message.kind === 'stop') {
    parentPort!.close();
    return;
  }
  const linted: LintedFile[] = [];
  for (let i = message.chunk.start; i < message.chunk.end; i++) {
    const result = files[i];
    if (result.kind !== 'analyzed') {
      linted.push({ result, findings: [], failures: [] });
      continue;
    }
    const { findings, failures } = lint(result.document);
    linted.push({ result: portableResult(result), findings: findings.map(portable), failures });
  }
  post({ kind: 'linted', chunk: message.chunk, files: linted });
});
post({ kind: 'ready' });
