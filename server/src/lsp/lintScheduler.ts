import * as fs from 'node:fs';
import type { PublishDiagnosticsParams, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { isLinted } from '../engine/document';
import { internalErrorLog } from '../lint/internalError';
import type { Catalogue } from '../lint/catalogue';
import { isConfigFile } from './configStore';
import { diagnosticsOf } from './diagnostics';
import type { FileLinter } from './fileLinter';
import { analysisPath, uriToPath } from './uri';
import type { IndexedFile, WorkspaceIndex } from './workspaceIndex';

/** How long typing must pause before a document is linted again. */
export const DEBOUNCE_MS = 150;

/** `initializationOptions.debounceMs`, for a client that wants another pause (a benchmark measuring the work alone). */
export function debounceOption(initializationOptions: unknown): number | undefined {
  const value = (initializationOptions as { readonly debounceMs?: unknown } | undefined)?.debounceMs;
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

export interface LintSchedulerOptions {
  readonly index: WorkspaceIndex;
  readonly linter: FileLinter;
  readonly catalogue: Catalogue;
  readonly documents: TextDocuments<TextDocument>;
  readonly send: (params: PublishDiagnosticsParams) => void;
  /** whether a closed file still belongs to the workspace, so that its diagnostics stay (from its text on disk) */
  readonly inWorkspace: (filePath: string) => boolean;
  /** whether the file's config excludes it: a closed excluded file is not read, as the CLI does not read it */
  readonly excluded: (filePath: string) => boolean;
  readonly log: (message: string) => void;
  /** how long typing must pause (`DEBOUNCE_MS` unless the client's initializationOptions say otherwise) */
  readonly debounceMs: () => number;
}

/** Resolves on the next turn of the event loop, once the messages that arrived meanwhile have begun to be served. */
export const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Resolves once a message that arrived meanwhile has been handled: the connection reads it in the loop's poll phase
 * and handles it in a `setImmediate` of its own, which runs after one set before the poll (`nextTurn`). A timer
 * waits for the next turn's timer phase, after that handling.
 */
const messageServed = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Decides when what is linted and published. An edited document is linted once typing pauses; the files whose
 * findings may depend on it (those whose last lint read the facts it provides: see `FileLinter.dependentsOf`) are
 * re-linted in the background one per event-loop turn, paused while an edit waits so that the edited document comes first.
 * Every run lints the index as it is at that moment and an open document is only published for the version the
 * editor has, so an older result can never replace a newer one.
 */
export class LintScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /**
   * Open documents whose pause is over, linted one per event-loop turn: the connection writes in a later phase of
   * the loop, so a document's diagnostics go out before the next document is linted, not after all of them.
   */
  private readonly due = new Set<string>();
  private readonly queue = new Set<string>();
  /** what was last sent for each file that shows diagnostics: re-linting a dependent rarely changes its result */
  private readonly showing = new Map<string, string>();
  private draining = false;

  constructor(private readonly options: LintSchedulerOptions) {}

  /** Documents waiting for typing to pause, and files waiting to be re-linted in the background. */
  get pending(): number {
    return this.timers.size + this.due.size + this.queue.size;
  }

  /** The editor opened or edited a document: lint it at once when it is new, else once typing pauses. */
  contentChanged(document: TextDocument): void {
    const seen = this.options.index.isOpen(analysisPath(document.uri, document.languageId));
    this.schedule(document, seen ? this.options.debounceMs() : 0);
  }

  /**
   * The index entry for an open document's current text, for requests (code actions, hovers) that arrive before
   * the pending lint: the files that depend on it are queued as if that lint had run.
   */
  sync(document: TextDocument): IndexedFile {
    const { before, after } = this.read(document);
    if (before !== after) this.enqueueDependents(after, before);
    return after;
  }

  private read(document: TextDocument): { before?: IndexedFile; after: IndexedFile } {
    return this.options.index.putOpen(analysisPath(document.uri, document.languageId), document.uri, document.getText(), document.version);
  }

  /** A closed file falls back to its text on disk when it is part of the workspace; otherwise it is forgotten. */
  closed(document: TextDocument): void {
    this.cancelTimer(document.uri);
    const filePath = analysisPath(document.uri, document.languageId);
    const { index } = this.options;
    index.markClosed(filePath);
    if (this.options.inWorkspace(filePath) && fs.existsSync(filePath)) {
      this.diskChanged(filePath);
      return;
    }
    this.remove(filePath);
    void this.drain();
  }

  /**
   * A file changed, appeared or disappeared on disk (file watcher), its config changed whether it is excluded, or
   * its workspace folder was removed; open files keep the editor's text.
   */
  diskChanged(filePath: string): void {
    const { index } = this.options;
    if (index.isOpen(filePath)) return;
    if (!fs.existsSync(filePath) || this.options.excluded(filePath) || !this.options.inWorkspace(filePath)) {
      this.remove(filePath);
    } else {
      const { before, after } = index.putDisk(filePath);
      // The index keeps the file's facts; its model serves this one lint.
      index.summarize(filePath);
      this.publish(after);
      this.enqueueDependents(after, before);
    }
    void this.drain();
  }

  /** Re-lints every open document, as when the workspace around them has been read; config files are not linted. */
  refreshOpenDocuments(): void {
    for (const document of this.options.documents.all()) if (!isConfigFile(uriToPath(document.uri))) this.schedule(document, 0);
  }

  /** Lints one indexed file and shows the result, unless the editor has moved on to a newer version of it (then false). */
  publish(file: IndexedFile): boolean {
    const { documents, linter, index, catalogue } = this.options;
    const open = file.version !== undefined;
    if (open && documents.get(file.uri)?.version !== file.version) return false;
    const params: PublishDiagnosticsParams = { uri: file.uri, ...(open ? { version: file.version } : {}), diagnostics: diagnosticsOf(file, linter.lint(file), index, catalogue) };
    const sent = JSON.stringify(params);
    if (this.showing.get(file.uri) === sent) return true;
    // A scan of a large workspace sends nothing for the many clean files nobody has open.
    if (params.diagnostics.length === 0 && !this.showing.has(file.uri) && !(open && file.document && isLinted(file.document))) return true;
    if (params.diagnostics.length > 0) this.showing.set(file.uri, sent);
    else this.showing.delete(file.uri);
    this.options.send(params);
    return true;
  }

  private schedule(document: TextDocument, delay: number): void {
    this.cancelTimer(document.uri);
    this.timers.set(
      document.uri,
      setTimeout(() => {
        this.timers.delete(document.uri);
        this.due.add(document.uri);
        void this.drain();
      }, delay),
    );
  }

  private cancelTimer(uri: string): void {
    const timer = this.timers.get(uri);
    if (timer) clearTimeout(timer);
    this.timers.delete(uri);
    this.due.delete(uri);
  }

  private remove(filePath: string): void {
    const removed = this.options.index.remove(filePath);
    if (!removed) return;
    this.clear(removed.uri);
    this.enqueueDependents(undefined, removed);
    this.options.linter.forget(filePath);
  }

  private clear(uri: string): void {
    if (!this.showing.delete(uri)) return;
    this.options.send({ uri, diagnostics: [] });
  }

  /** Queues the files whose findings may change now that `after` replaced `before`. */
  private enqueueDependents(after: IndexedFile | undefined, before?: IndexedFile): void {
    const { index, linter } = this.options;
    const dependents = linter.dependentsOf({ before, after });
    // Open documents first: they are what the user is looking at.
    for (const dependent of dependents) if (index.isOpen(dependent)) this.queue.add(dependent);
    for (const dependent of dependents) this.queue.add(dependent);
  }

  /** Work started by a timer has no caller to report to: an error is logged, and the server goes on. */
  private safely<T>(work: () => T): T | undefined {
    try {
      return work();
    } catch (error) {
      this.options.log(`ztlint: ${internalErrorLog(error)}`);
      return undefined;
    }
  }

  /** Lints one file per turn: open documents whose pause is over first, then the background queue once no pause is running. */
  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      for (;;) {
        const [uri] = this.due;
        if (uri !== undefined) {
          this.due.delete(uri);
          const document = this.options.documents.get(uri);
          const read = document && this.safely(() => this.read(document));
          if (read) {
            // An edit that arrived while the file was read is served first: then `publish` sees that this version
            // is no longer the editor's and does not lint it, as the new one will be linted once typing pauses.
            await messageServed();
            const published = this.safely(() => this.publish(read.after));
            // The other files once the edited one is out, with the facts its lint collected. A version replaced
            // before its lint is left to the next one, which compares with what the other files last saw.
            if (published && read.before !== read.after) this.safely(() => this.enqueueDependents(read.after, read.before));
          }
        } else if (this.queue.size > 0 && this.timers.size === 0) {
          const [next] = this.queue;
          this.queue.delete(next);
          this.safely(() => {
            const file = this.options.index.get(next);
            if (file) this.publish(this.options.index.withModel(file));
          });
        } else {
          break;
        }
        await nextTurn();
      }
    } finally {
      this.draining = false;
    }
  }
}
