import * as path from 'node:path';
import { analyzeDocument } from '../engine/analyze';
import type { AnalyzedDocument, DocumentFormat } from '../engine/document';
import { readAndAnalyze } from '../engine/scan';
import type { WorkspaceView } from '../lint/ruleApi';
import { withoutFile, workspaceView } from '../engine/workspaceView';
import { LineIndex } from '../text/lineIndex';
import { pathToUri } from './uri';

/** What reading a file gave: the analysed document, or why there is none. */
export type Analysis =
  | { readonly kind: 'analyzed'; readonly document: AnalyzedDocument }
  /** the file could not be read from disk (too large, not UTF-8): not linted, nothing to publish */
  | { readonly kind: 'unreadable'; readonly message: string }
  /** the engine threw: reported as an internal error so that the server keeps serving every other file */
  | { readonly kind: 'crashed'; readonly message: string };

/** Files whose findings can depend on each other: rules look across templates, or across Kubernetes objects. */
export type FormatGroup = 'templates' | 'kubernetes';

const GROUP_OF_FORMAT: Readonly<Record<DocumentFormat, FormatGroup | undefined>> = {
  bicep: 'templates',
  bicepparam: 'templates',
  'arm-template': 'templates',
  'arm-parameters': 'templates',
  kubernetes: 'kubernetes',
  helm: undefined,
  'not-linted': undefined,
};

/** One file as the server knows it: the editor's text while it is open, else the text on disk. */
export class IndexedFile {
  private lineIndex: LineIndex | undefined;

  constructor(
    /** the path it is analysed under, which is also the key of the index */
    readonly path: string,
    readonly uri: string,
    readonly text: string,
    /** the editor's version while the file is open */
    readonly version: number | undefined,
    readonly analysis: Analysis,
  ) {}

  get document(): AnalyzedDocument | undefined {
    return this.analysis.kind === 'analyzed' ? this.analysis.document : undefined;
  }

  get group(): FormatGroup | undefined {
    return this.document && GROUP_OF_FORMAT[this.document.format];
  }

  get lines(): LineIndex {
    this.lineIndex ??= new LineIndex(this.text);
    return this.lineIndex;
  }
}

function analyzeSafely(filePath: string, text: string): Analysis {
  try {
    return { kind: 'analyzed', document: analyzeDocument(filePath, text) };
  } catch (error) {
    return { kind: 'crashed', message: error instanceof Error ? error.message : String(error) };
  }
}

function readSafely(filePath: string): { text: string; analysis: Analysis } {
  try {
    const result = readAndAnalyze(filePath);
    return result.kind === 'analyzed' ? { text: result.document.text, analysis: { kind: 'analyzed', document: result.document } } : { text: '', analysis: { kind: 'unreadable', message: result.message } };
  } catch (error) {
    return { text: '', analysis: { kind: 'crashed', message: error instanceof Error ? error.message : String(error) } };
  }
}

/**
 * Every file the server has analysed, open or not, so that rules see the rest of the workspace (a ServiceAccount
 * in another manifest, a role assignment in another template, a template's parameter files). `revision` changes
 * whenever any file does, which tells caches of cross-file results when they are out of date.
 */
export class WorkspaceIndex {
  private readonly files = new Map<string, IndexedFile>();
  private readonly open = new Set<string>();
  private view: { templates: WorkspaceView['templates']; kubernetesObjects: WorkspaceView['kubernetesObjects']; documents: AnalyzedDocument[] } | undefined;
  revision = 0;

  get(filePath: string): IndexedFile | undefined {
    return this.files.get(filePath);
  }

  /** The file a rule names in a related location, which may be written with another spelling of its path. */
  find(filePath: string): IndexedFile | undefined {
    return this.files.get(filePath) ?? this.files.get(path.resolve(filePath));
  }

  isOpen(filePath: string): boolean {
    return this.open.has(filePath);
  }

  all(): IndexedFile[] {
    return [...this.files.values()];
  }

  /** Takes the editor's text of an open file; analyses it only when its version is new. */
  putOpen(filePath: string, uri: string, text: string, version: number): { before?: IndexedFile; after: IndexedFile } {
    const before = this.files.get(filePath);
    this.open.add(filePath);
    if (before && before.version === version && before.text === text) return { before, after: before };
    return { before, after: this.put(new IndexedFile(filePath, uri, text, version, analyzeSafely(filePath, text))) };
  }

  /** Reads a file from disk, unless the editor has it open (its text there is the one that counts). */
  putDisk(filePath: string): { before?: IndexedFile; after: IndexedFile } {
    const before = this.files.get(filePath);
    if (before && this.open.has(filePath)) return { before, after: before };
    const { text, analysis } = readSafely(filePath);
    return { before, after: this.put(new IndexedFile(filePath, pathToUri(filePath), text, undefined, analysis)) };
  }

  /** The editor closed the file: its text on disk counts again, if the caller reads it. */
  markClosed(filePath: string): void {
    this.open.delete(filePath);
  }

  remove(filePath: string): IndexedFile | undefined {
    const before = this.files.get(filePath);
    this.open.delete(filePath);
    if (before) {
      this.files.delete(filePath);
      this.changed();
    }
    return before;
  }

  /** Every analysed document: the candidates for a template's parameter files. */
  documents(): readonly AnalyzedDocument[] {
    return this.views().documents;
  }

  /** The rest of the workspace as the rules of `filePath` see it. */
  workspaceFor(filePath: string): WorkspaceView {
    return withoutFile(this.views(), filePath);
  }

  /** The files whose findings may change when a file of these groups changes. */
  inGroups(groups: ReadonlySet<FormatGroup>): IndexedFile[] {
    return this.all().filter((file) => file.group !== undefined && groups.has(file.group));
  }

  private put(file: IndexedFile): IndexedFile {
    this.files.set(file.path, file);
    this.changed();
    return file;
  }

  private changed(): void {
    this.revision++;
    this.view = undefined;
  }

  private views(): NonNullable<WorkspaceIndex['view']> {
    if (!this.view) {
      const documents = this.all().flatMap((file) => (file.document ? [file.document] : []));
      this.view = { documents, ...workspaceView(documents) };
    }
    return this.view;
  }
}
