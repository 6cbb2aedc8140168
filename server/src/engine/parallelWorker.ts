import { parentPort, workerData } from 'node:worker_threads';
import { builtinCatalogue } from '../lint/catalogue';
import { editsByFile } from '../fix/fileEdits';
import type { Finding } from '../lint/finding';
import { collectFacts, NO_FACTS_COLLECTED, type FactCollection } from '../lint/collectFacts';
import type { AnalyzedDocument } from './document';
import { withCollectionFailures, workspaceLinter, type LintedFile } from './lintScan';
import type { FileFacts, MainToWorker, WorkerInput, WorkerToMain } from './parallelProtocol';
import { readAndAnalyze, type FileResult } from './scan';
import { parameterFileKeys, templateKey } from './parameterFiles';
import { workspaceView } from './workspaceView';

/**
 * A worker of `parallelScan`. It reads its share of the files and reports what each tells the others (its
 * workspace facts, and the templates it holds parameters for); then, knowing that of every file, it lints its
 * share. The only files of another share it reads are the parameter files of its templates: a template is linted
 * with their models, which cost more to copy between threads than to read again.
 */

const REPORT_EVERY = 64;
const LINTED_PER_MESSAGE = 16;

function post(message: WorkerToMain): void {
  parentPort!.postMessage(message);
}

/**
 * A finding without its fix intents, which point into this thread's model: with the fix's edits written here when
 * asked (from `documents`, the file's and its parameter files' by path), else with the fix's title only.
 */
function portable(finding: Finding, document: AnalyzedDocument, documents: () => ReadonlyMap<string, AnalyzedDocument>): Finding {
  if (!finding.fix) return finding;
  const edits = input.fixEdits ? editsByFile(document, finding.fix, documents()) : undefined;
  return { ...finding, fix: { title: finding.fix.title, safe: finding.fix.safe, intents: [] }, ...(edits ? { fixEdits: edits } : {}) };
}

/** The document as outputs read it (path, text, format, diagnostics, comments), without its model. */
function portableResult(result: FileResult): FileResult {
  if (result.kind !== 'analyzed') return result;
  const { path, text, format, diagnostics, comments } = result.document;
  return { ...result, document: { path, text, format, diagnostics, comments } };
}

const catalogue = builtinCatalogue();

function factsOf(index: number, result: FileResult, collected: FactCollection): FileFacts {
  if (result.kind !== 'analyzed') return { index, parameterKeys: [], workspaceFacts: {} };
  return { index, parameterKeys: parameterFileKeys(result.document), workspaceFacts: collected.facts };
}

const input = workerData as WorkerInput;
/** Every file of the scan, once given (a file's index is its place here). */
let files: readonly string[] = [];
const own = new Map<number, { readonly result: FileResult; readonly collected: FactCollection }>();

function readShare(share: readonly number[]): void {
  for (const index of share) {
    const result = readAndAnalyze(files[index], input.timeoutMs);
    own.set(index, { result, collected: result.kind === 'analyzed' ? collectFacts(result.document, catalogue.rules, input) : NO_FACTS_COLLECTED });
    if (own.size % REPORT_EVERY === 0) post({ kind: 'reading', done: own.size });
  }
  post({ kind: 'read', facts: [...own].map(([index, { result, collected }]) => factsOf(index, result, collected)) });
}

/** Parameter files of other shares, read when first needed. */
const others = new Map<number, FileResult>();

function documentAt(index: number): AnalyzedDocument | undefined {
  let result = own.get(index)?.result ?? others.get(index);
  if (!result) others.set(index, (result = readAndAnalyze(files[index], input.timeoutMs)));
  return result.kind === 'analyzed' ? result.document : undefined;
}

/** Indices of parameter files by the key of the template they belong to (`templateKey`), in index order. */
function parameterFilesByTemplate(facts: readonly FileFacts[]): Map<string, number[]> {
  const byKey = new Map<string, number[]>();
  for (const fileFacts of facts) {
    for (const key of new Set(fileFacts.parameterKeys)) {
      const indices = byKey.get(key);
      if (indices) indices.push(fileFacts.index);
      else byKey.set(key, [fileFacts.index]);
    }
  }
  return byKey;
}

function lintShare(facts: readonly FileFacts[]): void {
  const parameterFiles = parameterFilesByTemplate(facts);
  const view = workspaceView(facts.map((f) => ({ path: files[f.index], facts: f.workspaceFacts })));
  const parameterFilesOf = (template: AnalyzedDocument) => {
    const key = templateKey(template);
    return key === undefined ? [] : (parameterFiles.get(key) ?? []).flatMap((index) => documentAt(index) ?? []);
  };
  const lint = workspaceLinter(view, parameterFilesOf, {
    catalogue,
    strict: input.strict,
    ...(input.severities ? { severities: input.severities } : {}),
    ...(input.timeoutMs ? { timeoutMs: input.timeoutMs } : {}),
  });
  let linted: { index: number; file: LintedFile }[] = [];
  for (const [index, { result, collected }] of own) {
    if (result.kind !== 'analyzed') linted.push({ index, file: { result, findings: [], failures: [] } });
    else {
      const { document } = result;
      const { findings, failures } = withCollectionFailures(lint(document), collected);
      let documents: Map<string, AnalyzedDocument> | undefined;
      const editable = () => (documents ??= new Map([document, ...parameterFilesOf(document)].map((d) => [d.path, d])));
      linted.push({ index, file: { result: portableResult(result), findings: findings.map((f) => portable(f, document, editable)), failures } });
    }
    if (linted.length === LINTED_PER_MESSAGE) {
      post({ kind: 'linted', files: linted });
      linted = [];
    }
  }
  if (linted.length > 0) post({ kind: 'linted', files: linted });
}

parentPort!.on('message', (message: MainToWorker) => {
  switch (message.kind) {
    case 'read':
      files = message.files;
      readShare(message.share);
      break;
    case 'lint':
      lintShare(message.facts);
      parentPort!.close();
      break;
  }
});
