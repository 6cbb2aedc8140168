import { parentPort, workerData } from 'node:worker_threads';
import { builtinCatalogue } from '../lint/catalogue';
import type { Finding } from '../lint/finding';
import type { AnalyzedDocument } from './document';
import { workspaceLinter, type LintedFile } from './lintScan';
import type { FileFacts, MainToWorker, WorkerInput, WorkerToMain } from './parallelProtocol';
import { readAndAnalyze, type FileResult } from './scan';
import { declarationKeys, workspaceViewOf, type PlacedDocument } from './workspaceView';

/**
 * A worker of `parallelScan`. It reads its share of the files and reports what each declares; then, knowing
 * that of every file, it lints its share. The rules of a file see the whole workspace, so the worker reads
 * another share's file too when a rule asks for something that file declares (models are too costly to copy
 * between threads: more than reading them again).
 */

const REPORT_EVERY = 64;
const LINTED_PER_MESSAGE = 16;

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

function factsOf(index: number, result: FileResult): FileFacts {
  if (result.kind !== 'analyzed') return { index, declares: [], parameterFile: false };
  const { format } = result.document;
  return { index, declares: declarationKeys(result.document), parameterFile: format === 'bicepparam' || format === 'arm-parameters' };
}

const input = workerData as WorkerInput;
const own = new Map<number, FileResult>();
for (const index of input.share) {
  own.set(index, readAndAnalyze(input.files[index], input.timeoutMs));
  if (own.size % REPORT_EVERY === 0) post({ kind: 'reading', done: own.size });
}
post({ kind: 'read', facts: [...own].map(([index, result]) => factsOf(index, result)) });

/** Files of other shares, read when first needed. */
const others = new Map<number, FileResult>();

function documentAt(index: number): AnalyzedDocument | undefined {
  let result = own.get(index) ?? others.get(index);
  if (!result) others.set(index, (result = readAndAnalyze(input.files[index], input.timeoutMs)));
  return result.kind === 'analyzed' ? result.document : undefined;
}

function lintShare(facts: readonly FileFacts[]): void {
  const declaring = new Map<string, number[]>();
  for (const { index, declares } of facts) {
    for (const key of declares) {
      const indices = declaring.get(key);
      if (indices) indices.push(index);
      else declaring.set(key, [index]);
    }
  }
  const placed = (indices: readonly number[]): PlacedDocument[] =>
    indices.flatMap((order) => {
      const document = documentAt(order);
      return document ? [{ order, document }] : [];
    });
  const parameterFiles = placed(facts.filter((f) => f.parameterFile).map((f) => f.index)).map((p) => p.document);
  const lint = workspaceLinter(workspaceViewOf((key) => placed(declaring.get(key) ?? [])), parameterFiles, {
    catalogue: builtinCatalogue(),
    strict: input.strict,
    ...(input.severities ? { severities: input.severities } : {}),
    ...(input.timeoutMs ? { timeoutMs: input.timeoutMs } : {}),
  });
  let linted: { index: number; file: LintedFile }[] = [];
  for (const [index, result] of own) {
    if (result.kind !== 'analyzed') linted.push({ index, file: { result, findings: [], failures: [] } });
    else {
      const { findings, failures } = lint(result.document);
      linted.push({ index, file: { result: portableResult(result), findings: findings.map(portable), failures } });
    }
    if (linted.length === LINTED_PER_MESSAGE) {
      post({ kind: 'linted', files: linted });
      linted = [];
    }
  }
  if (linted.length > 0) post({ kind: 'linted', files: linted });
}

parentPort!.once('message', (message: MainToWorker) => {
  lintShare(message.facts);
  parentPort!.close();
});
