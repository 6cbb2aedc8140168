import { parentPort, workerData } from 'node:worker_threads';
import { builtinCatalogue } from '../lint/catalogue';
import type { Finding } from '../lint/finding';
import type { KubernetesObject } from '../model/kubernetes';
import type { AnalyzedDocument } from './document';
import { workspaceLinter, type LintedFile } from './lintScan';
import type { FileFacts, MainToWorker, WorkerInput, WorkerToMain } from './parallelProtocol';
import { readAndAnalyze, type FileResult } from './scan';
import { parameterFileKeys, templateKey } from './parameterFiles';
import { declarationKeys, objectKey, workspaceViewOf, type Declarations } from './workspaceView';

/**
 * A worker of `parallelScan`. It reads its share of the files and reports what each declares; then, knowing
 * that of every file, it lints its share. The rules of a file see the whole workspace, so the worker reads
 * another share's file too when a rule asks for something that file declares, or when it holds parameters for a
 * template of the share (template models are too costly to copy between threads: more than reading them again;
 * small Kubernetes objects are not, and come with the facts).
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

/** Objects up to this size (of their source) are cloned to other workers rather than read again there. */
const SMALL_OBJECT_CHARS = 2_000;

/** The objects of the kinds all of whose objects in the document are small, in document order. */
function smallObjectsOf(objects: readonly KubernetesObject[]): KubernetesObject[] {
  const large = new Set(objects.filter((o) => o.range.end - o.range.start > SMALL_OBJECT_CHARS).map((o) => o.kind));
  return objects.filter((o) => !large.has(o.kind));
}

function factsOf(index: number, result: FileResult): FileFacts {
  if (result.kind !== 'analyzed') return { index, declares: [], parameterKeys: [], smallObjects: [] };
  const { document } = result;
  return { index, declares: declarationKeys(document), parameterKeys: parameterFileKeys(document), smallObjects: smallObjectsOf(document.kubernetesObjects ?? []) };
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

/** Indices of files by key, in index order. */
function indicesByKey(facts: readonly FileFacts[], keysOf: (facts: FileFacts) => readonly string[]): Map<string, number[]> {
  const byKey = new Map<string, number[]>();
  for (const fileFacts of facts) {
    for (const key of new Set(keysOf(fileFacts))) {
      const indices = byKey.get(key);
      if (indices) indices.push(fileFacts.index);
      else byKey.set(key, [fileFacts.index]);
    }
  }
  return byKey;
}

function lintShare(facts: readonly FileFacts[]): void {
  const factsAt = new Map(facts.map((f) => [f.index, f]));
  const declaring = indicesByKey(facts, (f) => f.declares);
  const parameterFiles = indicesByKey(facts, (f) => f.parameterKeys);
  const smallObjectsStandIn = new Map<number, Declarations>();
  /** What a file declares under `key`: the small objects it sent, when the key is their kind and it is not read here. */
  const declarationsAt = (index: number, key: string): Declarations | undefined => {
    const sent = factsAt.get(index)!.smallObjects;
    if (own.has(index) || others.has(index) || !sent.some((o) => objectKey(o.kind) === key)) return documentAt(index);
    let standIn = smallObjectsStandIn.get(index);
    if (!standIn) smallObjectsStandIn.set(index, (standIn = { path: input.files[index], kubernetesObjects: sent }));
    return standIn;
  };
  const view = workspaceViewOf((key) =>
    (declaring.get(key) ?? []).flatMap((order) => {
      const document = declarationsAt(order, key);
      return document ? [{ order, document }] : [];
    }),
  );
  const parameterFilesOf = (template: AnalyzedDocument) => {
    const key = templateKey(template);
    return key === undefined ? [] : (parameterFiles.get(key) ?? []).flatMap((index) => documentAt(index) ?? []);
  };
  const lint = workspaceLinter(view, parameterFilesOf, {
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
