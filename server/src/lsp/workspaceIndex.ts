import * as path from 'node:path';
import { analyzeDocument, versionReaders, type VersionReaders } from '../engine/analyze';
import type { AnalyzedDocument } from '../engine/document';
import { parameterFileKeys, parameterFilesFor, templateKey } from '../engine/parameterFiles';
import { readAndAnalyze } from '../engine/scan';
import { DEFAULT_ANALYSIS_TIMEOUT_MS, Deadline } from '../lint/deadline';
import { internalErrorLog } from '../lint/internalError';
import type { CollectedFacts, FactCollection } from '../lint/collectFacts';
import { DocumentFacts } from './documentFacts';
import type { WorkspaceView } from '../lint/ruleApi';
import { withoutFile, workspaceView } from '../engine/workspaceView';
import { LineIndex } from '../text/lineIndex';
import { pathToUri } from './uri';

/** What reading a file gave: the analysed document, or why there is none. */
export type Analysis =
  | { readonly kind: 'analyzed'; readonly document: AnalyzedDocument; readonly facts: DocumentFacts }
  /** the file could not be read from disk (too large, not UTF-8): not linted, nothing to publish */
  | { readonly kind: 'unreadable'; readonly message: string }
  /** the engine threw: reported as an internal error so that the server keeps serving every other file */
  | { readonly kind: 'crashed'; readonly message: string }
  /**
   * a closed file, read: only what the other files need of it is kept (its facts, and the key its parameter files
   * name it by), and it is read again from disk if it must be linted again (see `WorkspaceIndex.summarize`)
   */
  | { readonly kind: 'summarized'; readonly facts: CollectedFacts; readonly templateKey?: string };


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

  /** what the file tells the other files' rules */
  get facts(): CollectedFacts {
    return this.analysis.kind === 'analyzed' ? this.analysis.facts.get().facts : this.analysis.kind === 'summarized' ? this.analysis.facts : NO_FACTS;
  }

  get lines(): LineIndex {
    this.lineIndex ??= new LineIndex(this.text);
    return this.lineIndex;
  }
}

const NO_FACTS: CollectedFacts = {};

/** Collects a document's facts for the other files (lint/collectFacts), with the rules and settings of its file. */
export type FactCollector = (document: AnalyzedDocument) => FactCollection;

/** An open file's version, whose facts are collected when first needed (see DocumentFacts). */
function analyzeSafely(filePath: string, text: string, readers: VersionReaders, timeoutMs: number, collect: FactCollector, earlier: CollectedFacts): Analysis {
  try {
    const document = analyzeDocument(filePath, text, readers, new Deadline(timeoutMs));
    return { kind: 'analyzed', document, facts: new DocumentFacts(() => collect(document), earlier) };
  } catch (error) {
    return { kind: 'crashed', message: internalErrorLog(error) };
  }
}

function readSafely(filePath: string, timeoutMs: number, collect: FactCollector): { text: string; analysis: Analysis } {
  try {
    const result = readAndAnalyze(filePath, timeoutMs);
    if (result.kind !== 'analyzed') return { text: '', analysis: { kind: 'unreadable', message: result.message } };
    return { text: result.document.text, analysis: { kind: 'analyzed', document: result.document, facts: DocumentFacts.collected(collect(result.document)) } };
  } catch (error) {
    return { text: '', analysis: { kind: 'crashed', message: internalErrorLog(error) } };
  }
}

/**
 * Every file the server has analysed, open or not, so that rules see the rest of the workspace (a ServiceAccount
 * in another manifest, a role assignment in another template, a template's parameter files). Of a closed file,
 * once read, only its facts are kept (see `summarize`), and its parameter file's model. `revision` changes
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
  private closed: Part | undefined;
  private readonly openParts = new WeakMap<IndexedFile, Part>();
  private parts: readonly Part[] | undefined;
  revision = 0;
  /** how many versions of each open file were read, for `ztlint.server.stats` */
  readonly openReads = new Map<string, number>();

  constructor(
    /** what a file tells the others, collected as it is read */
    private readonly collect: FactCollector,
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
    if (before?.analysis.kind === 'analyzed') before.analysis.facts.replace();
    const analysis = analyzeSafely(filePath, text, readers, this.timeoutMsFor(filePath), this.collect, before?.facts ?? NO_FACTS);
    return { before, after: this.put(new IndexedFile(filePath, uri, text, version, analysis)) };
  }

  /** Reads a file from disk, unless the editor has it open (its text there is the one that counts). */
  putDisk(filePath: string): { before?: IndexedFile; after: IndexedFile } {
    const before = this.files.get(filePath);
    if (before && this.open.has(filePath)) return { before, after: before };
    const { text, analysis } = readSafely(filePath, this.timeoutMsFor(filePath), this.collect);
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
    return this.currentParts()
      .flatMap((part) => parameterFilesFor(template, part.parameterFiles))
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  /** The rest of the workspace as the rules of `filePath` see it. */
  workspaceFor(filePath: string): WorkspaceView {
    // An open file's own part is left out, not filtered out, so that linting it does not collect its facts.
    const all = this.currentParts();
    const file = this.open.has(filePath) ? this.files.get(filePath) : undefined;
    const own = file && this.openParts.get(file);
    const parts = all.filter((p) => p !== own);
    return withoutFile({ facts: (name) => parts.flatMap((p) => p.view.facts(name)) }, filePath);
  }

  /** What a file tells the other files' rules: nothing when its config excludes it. */
  factsOf(file: IndexedFile | undefined): CollectedFacts {
    return file && this.counts(file.path) ? file.facts : NO_FACTS;
  }

  /** The templates a parameter file gives values to. */
  templatesUsing(parameterFile: AnalyzedDocument): string[] {
    const keys = new Set(parameterFileKeys(parameterFile));
    return this.currentParts().flatMap((part) => [...keys].flatMap((key) => part.templates().get(key) ?? []));
  }

  /**
   * Lets go of the model of a closed file, so that a large workspace is never in memory whole: its facts are
   * what the others read of it. A parameter file is kept whole, as templates are linted with its model.
   */
  summarize(filePath: string): void {
    const file = this.files.get(filePath);
    if (!file || this.open.has(file.path) || !file.document || file.document.parameterFile) return;
    const key = templateKey(file.document);
    this.files.set(file.path, new IndexedFile(file.path, file.uri, '', undefined, { kind: 'summarized', facts: file.facts, ...(key !== undefined ? { templateKey: key } : {}) }));
    this.closed = undefined;
    this.parts = undefined;
  }

  /** The file with its model: read again from disk, for a lint, when only its summary is kept (not stored). */
  withModel(file: IndexedFile): IndexedFile {
    if (file.analysis.kind !== 'summarized') return file;
    const { text, analysis } = readSafely(file.path, this.timeoutMsFor(file.path), this.collect);
    return new IndexedFile(file.path, file.uri, text, undefined, analysis);
  }

  private put(file: IndexedFile): IndexedFile {
    this.files.set(file.path, file);
    this.changed(file.path);
    return file;
  }

  private changed(filePath: string): void {
    this.revision++;
    this.parts = undefined;
    if (!this.open.has(filePath)) this.closed = undefined;
  }

  /** The closed files' part, kept between edits, with a part for each open file's current version. */
  private currentParts(): readonly Part[] {
    if (!this.parts) {
      const counted = (files: readonly IndexedFile[]) => files.filter((file) => this.counts(file.path));
      this.closed ??= part(counted(this.all().filter((file) => !this.open.has(file.path))));
      const openFiles = counted([...this.open.keys()].flatMap((filePath) => this.files.get(filePath) ?? []));
      const open = openFiles.map((file) => {
        let own = this.openParts.get(file);
        if (!own) this.openParts.set(file, (own = part([file])));
        return own;
      });
      this.parts = [this.closed, ...open];
    }
    return this.parts;
  }
}

/** Some files of the workspace, with what rules and parameter file lookups ask of them. */
interface Part {
  readonly view: WorkspaceView;
  /** candidates for `parameterFilesFor`: the same list for as long as the part lives, as it keeps an index of it */
  readonly parameterFiles: readonly AnalyzedDocument[];
  /** the paths of the templates by the key their parameter files name them by (`templateKey`) */
  templates(): ReadonlyMap<string, readonly string[]>;
}

function keyOf(file: IndexedFile): string | undefined {
  if (file.analysis.kind === 'summarized') return file.analysis.templateKey;
  return file.document ? templateKey(file.document) : undefined;
}

function part(files: readonly IndexedFile[]): Part {
  let templates: Map<string, string[]> | undefined;
  return {
    // An open file's facts are read when a rule asks for them, not when its version is read.
    view: workspaceView(files),
    parameterFiles: files.flatMap((file) => (file.document?.parameterFile ? [file.document] : [])),
    templates() {
      if (!templates) {
        templates = new Map();
        for (const file of files) {
          const key = keyOf(file);
          if (key !== undefined) templates.set(key, [...(templates.get(key) ?? []), file.path]);
        }
      }
      return templates;
    },
  };
}
