import * as path from 'node:path';
import { analyzeDocument, versionReaders, type VersionReaders } from '../engine/analyze';
import type { AnalyzedDocument } from '../engine/document';
import { parameterFileKeys, parameterFilesFor, templateKey } from '../engine/parameterFiles';
import { readAndAnalyze } from '../engine/scan';
import { DEFAULT_ANALYSIS_TIMEOUT_MS, Deadline } from '../lint/deadline';
import { internalErrorLog } from '../lint/internalError';
import type { WorkspaceView } from '../lint/ruleApi';
import { declarationKeys, withoutFile, workspaceView } from '../engine/workspaceView';
import { LineIndex } from '../text/lineIndex';
import { pathToUri } from './uri';

/** What reading a file gave: the analysed document, or why there is none. */
export type Analysis =
  | { readonly kind: 'analyzed'; readonly document: AnalyzedDocument }
  /** the file could not be read from disk (too large, not UTF-8): not linted, nothing to publish */
  | { readonly kind: 'unreadable'; readonly message: string }
  /** the engine threw: reported as an internal error so that the server keeps serving every other file */
  | { readonly kind: 'crashed'; readonly message: string }
  /**
   * a closed file, linted, that declares nothing any rule has asked the workspace for: only what it declares is
   * kept, and it is read again from disk if it must be linted again (see `WorkspaceIndex.compact`)
   */
  | { readonly kind: 'summarized'; readonly provides: readonly string[] };


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

  get lines(): LineIndex {
    this.lineIndex ??= new LineIndex(this.text);
    return this.lineIndex;
  }
}

function analyzeSafely(filePath: string, text: string, readers: VersionReaders, timeoutMs: number): Analysis {
  try {
    return { kind: 'analyzed', document: analyzeDocument(filePath, text, readers, new Deadline(timeoutMs)) };
  } catch (error) {
    return { kind: 'crashed', message: internalErrorLog(error) };
  }
}

function readSafely(filePath: string, timeoutMs: number): { text: string; analysis: Analysis } {
  try {
    const result = readAndAnalyze(filePath, timeoutMs);
    return result.kind === 'analyzed' ? { text: result.document.text, analysis: { kind: 'analyzed', document: result.document } } : { text: '', analysis: { kind: 'unreadable', message: result.message } };
  } catch (error) {
    return { text: '', analysis: { kind: 'crashed', message: internalErrorLog(error) } };
  }
}

/**
 * Every file the server has analysed, open or not, so that rules see the rest of the workspace (a ServiceAccount
 * in another manifest, a role assignment in another template, a template's parameter files). `revision` changes
 * whenever any file does, which tells caches of cross-file results when they are out of date.
 */
export class WorkspaceIndex {
  private readonly files = new Map<string, IndexedFile>();
  /** open files, with the readers that re-read only what changed between versions */
  private readonly open = new Map<string, VersionReaders>();
  /**
   * The files that are not open, as rules and parameter file lookups see them: they change far less often than an
   * open file, so an edit costs in proportion to the open files, not to the workspace.
   */
  private closed: Declared | undefined;
  private readonly openDeclared = new WeakMap<AnalyzedDocument, Declared>();
  private view: { view: WorkspaceView; parts: readonly Declared[] } | undefined;
  revision = 0;
  /** how many versions of each open file were read, for `ztlint.server.stats` */
  readonly openReads = new Map<string, number>();

  constructor(
    /** whether a file's facts count for the others: a file its config excludes is as if it were not there */
    private readonly counts: (filePath: string) => boolean = () => true,
    /** the time budget of the file's config, which bounds reading it as it bounds linting it */
    private readonly timeoutMsFor: (filePath: string) => number = () => DEFAULT_ANALYSIS_TIMEOUT_MS,
  ) {}

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
    let readers = this.open.get(filePath);
    if (!readers) {
      readers = versionReaders();
      this.open.set(filePath, readers);
      this.closed = undefined;
    }
    if (before && before.version === version && before.text === text) return { before, after: before };
    this.openReads.set(filePath, (this.openReads.get(filePath) ?? 0) + 1);
    return { before, after: this.put(new IndexedFile(filePath, uri, text, version, analyzeSafely(filePath, text, readers, this.timeoutMsFor(filePath)))) };
  }

  /** Reads a file from disk, unless the editor has it open (its text there is the one that counts). */
  putDisk(filePath: string): { before?: IndexedFile; after: IndexedFile } {
    const before = this.files.get(filePath);
    if (before && this.open.has(filePath)) return { before, after: before };
    const { text, analysis } = readSafely(filePath, this.timeoutMsFor(filePath));
    return { before, after: this.put(new IndexedFile(filePath, pathToUri(filePath), text, undefined, analysis)) };
  }

  /** The editor closed the file: its text on disk counts again, if the caller reads it. */
  markClosed(filePath: string): void {
    if (this.open.delete(filePath)) this.changed(filePath);
  }

  remove(filePath: string): IndexedFile | undefined {
    const before = this.files.get(filePath);
    if (before) this.changed(filePath);
    this.open.delete(filePath);
    this.files.delete(filePath);
    return before;
  }

  /** The parameter files of `template` in the workspace, by path. */
  parameterFilesFor(template: AnalyzedDocument): AnalyzedDocument[] {
    return this.views()
      .parts.flatMap((part) => parameterFilesFor(template, part.documents))
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  /** The rest of the workspace as the rules of `filePath` see it. */
  workspaceFor(filePath: string): WorkspaceView {
    return withoutFile(this.views().view, filePath);
  }

  /** The facts a file contributes to the workspace view (engine/workspaceView's `declarationKeys`). */
  provides(file: IndexedFile | undefined): readonly string[] {
    if (!file || !this.counts(file.path)) return [];
    if (file.analysis.kind === 'summarized') return file.analysis.provides;
    return file.document ? declarationKeys(file.document) : [];
  }

  /** The templates a parameter file gives values to. */
  templatesUsing(parameterFile: AnalyzedDocument): string[] {
    const keys = new Set(parameterFileKeys(parameterFile));
    return this.views().parts.flatMap((part) => [...keys].flatMap((key) => part.templates().get(key) ?? []));
  }

  /**
   * Lets go of the models of closed files that declare nothing in `asked` (what rules have asked the workspace
   * view for), so that a large workspace is not kept in memory whole; parameter files, which templates read
   * whole, are kept. What the rules see does not change.
   */
  compact(asked: ReadonlySet<string>): void {
    for (const filePath of this.files.keys()) this.summarize(filePath, asked);
  }

  /** `compact` for one file; a scan calls it on each file it reads, so that the workspace is never in memory whole. */
  summarize(filePath: string, asked: ReadonlySet<string>): void {
    const file = this.files.get(filePath);
    if (!file || this.open.has(file.path) || !file.document || file.document.parameterFile) return;
    const provides = this.provides(file);
    if (provides.some((fact) => asked.has(fact))) return;
    this.files.set(file.path, new IndexedFile(file.path, file.uri, '', undefined, { kind: 'summarized', provides }));
    this.closed = undefined;
    this.view = undefined;
  }

  /** The file with its model: read again from disk, for a lint, when only its summary is kept (not stored). */
  withModel(file: IndexedFile): IndexedFile {
    if (file.analysis.kind !== 'summarized') return file;
    const { text, analysis } = readSafely(file.path, this.timeoutMsFor(file.path));
    return new IndexedFile(file.path, file.uri, text, undefined, analysis);
  }

  /** Reads back the models of the summarized files that declare `fact`, which a rule has just asked for. */
  restore(fact: string): IndexedFile[] {
    const providers = [...this.files.values()].filter((file) => file.analysis.kind === 'summarized' && file.analysis.provides.includes(fact));
    return providers.map((file) => this.putDisk(file.path).after);
  }

  private put(file: IndexedFile): IndexedFile {
    this.files.set(file.path, file);
    this.changed(file.path);
    return file;
  }

  private changed(filePath: string): void {
    this.revision++;
    this.view = undefined;
    if (!this.open.has(filePath)) this.closed = undefined;
  }

  private counted(files: readonly IndexedFile[]): AnalyzedDocument[] {
    return files.flatMap((file) => (file.document && this.counts(file.path) ? [file.document] : []));
  }

  /** The closed files' part, kept between edits, with a part for each open file's current version. */
  private views(): NonNullable<WorkspaceIndex['view']> {
    if (!this.view) {
      this.closed ??= declared(this.counted(this.all().filter((file) => !this.open.has(file.path))));
      const openFiles = [...this.open.keys()].flatMap((filePath) => this.files.get(filePath) ?? []);
      const open = this.counted(openFiles).map((document) => {
        let part = this.openDeclared.get(document);
        if (!part) this.openDeclared.set(document, (part = declared([document])));
        return part;
      });
      const parts = [this.closed, ...open];
      this.view = {
        parts,
        view: {
          resources: (...types) => parts.flatMap((part) => part.view.resources(...types)),
          kubernetesObjects: (kind) => parts.flatMap((part) => part.view.kubernetesObjects(kind)),
        },
      };
    }
    return this.view;
  }
}

/** Some documents of the workspace, with what rules and parameter file lookups ask of them. */
interface Declared {
  readonly documents: readonly AnalyzedDocument[];
  readonly view: WorkspaceView;
  /** the paths of the templates by the key their parameter files name them by (`templateKey`) */
  templates(): ReadonlyMap<string, readonly string[]>;
}

function declared(documents: readonly AnalyzedDocument[]): Declared {
  let templates: Map<string, string[]> | undefined;
  return {
    documents,
    view: workspaceView(documents),
    templates() {
      if (!templates) {
        templates = new Map();
        for (const document of documents) {
          const key = templateKey(document);
          if (key !== undefined) templates.set(key, [...(templates.get(key) ?? []), document.path]);
        }
      }
      return templates;
    },
  };
}
