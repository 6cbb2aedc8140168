import * as fs from 'node:fs';
import type { PublishDiagnosticsParams, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { isLinted } from '../engine/document';
import type { Catalogue } from '../lint/catalogue';
import { isConfigFile } from './configStore';
import { diagnosticsOf } from './diagnostics';
import type { FileLinter } from './fileLinter';
import { analysisPath, uriToPath } from './uri';
import type { FormatGroup, IndexedFile, WorkspaceIndex } from './workspaceIndex';

/** How long typing must pause before a document is linted again. */
export const DEBOUNCE_MS = 150;

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
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Decides when what is linted and published. An edited document is linted once typing pauses; the files whose
 * findings may depend on it (its format group: templates see each other, manifests see each other) are re-linted
 * in the background one per event-loop turn, paused while an edit waits so that the edited document comes first.
 * Every run lints the index as it is at that moment and an open document is only published for the version the
 * editor has, so an older result can never replace a newer one.
 */
export class LintScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly queue = new Set<string>();
  /** what was last sent for each file that shows diagnostics: re-linting a dependent rarely changes its result */
  private readonly showing = new Map<string, string>();
  private draining = false;

  constructor(private readonly options: LintSchedulerOptions) {}

  /** The editor opened or edited a document: lint it at once when it is new, else once typing pauses. */
  contentChanged(document: TextDocument): void {
    const seen = this.options.index.isOpen(analysisPath(document.uri, document.languageId));
    this.schedule(document, seen ? DEBOUNCE_MS : 0);
  }

  /**
   * The index entry for an open document's current text, for requests (code actions, hovers) that arrive before
   * the pending lint: the files that depend on it are queued as if that lint had run.
   */
  sync(document: TextDocument): IndexedFile {
    const filePath = analysisPath(document.uri, document.languageId);
    const { before, after } = this.options.index.putOpen(filePath, document.uri, document.getText(), document.version);
    if (before !== after) this.enqueueDependents(after, before);
    return after;
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
   * A file changed, appeared or disappeared on disk (file watcher), or its config changed whether it is excluded;
   * open files keep the editor's text.
   */
  diskChanged(filePath: string): void {
    const { index } = this.options;
    if (index.isOpen(filePath)) return;
    if (!fs.existsSync(filePath) || this.options.excluded(filePath)) {
      this.remove(filePath);
    } else {
      const { before, after } = index.putDisk(filePath);
      this.publish(after);
      this.enqueueDependents(after, before);
    }
    void this.drain();
  }

  /** Re-lints every open document, as when the workspace around them has been read; config files are not linted. */
  refreshOpenDocuments(): void {
    for (const document of this.options.documents.all()) if (!isConfigFile(uriToPath(document.uri))) this.schedule(document, 0);
  }

  /** Lints one indexed file and shows the result, unless the editor has moved on to a newer version of it. */
  publish(file: IndexedFile): void {
    const { documents, linter, index, catalogue } = this.options;
    const open = file.version !== undefined;
    if (open && documents.get(file.uri)?.version !== file.version) return;
    const params: PublishDiagnosticsParams = { uri: file.uri, ...(open ? { version: file.version } : {}), diagnostics: diagnosticsOf(file, linter.lint(file), index, catalogue) };
    const sent = JSON.stringify(params);
    if (this.showing.get(file.uri) === sent) return;
    // A scan of a large workspace sends nothing for the many clean files nobody has open.
    if (params.diagnostics.length === 0 && !this.showing.has(file.uri) && !(open && file.document && isLinted(file.document))) return;
    if (params.diagnostics.length > 0) this.showing.set(file.uri, sent);
    else this.showing.delete(file.uri);
    this.options.send(params);
  }

  private schedule(document: TextDocument, delay: number): void {
    this.cancelTimer(document.uri);
    this.timers.set(
      document.uri,
      setTimeout(() => {
        this.timers.delete(document.uri);
        this.safely(() => this.lintOpen(document.uri));
        void this.drain();
      }, delay),
    );
  }

  private cancelTimer(uri: string): void {
    const timer = this.timers.get(uri);
    if (timer) clearTimeout(timer);
    this.timers.delete(uri);
  }

  private lintOpen(uri: string): void {
    const document = this.options.documents.get(uri);
    if (document) this.publish(this.sync(document));
  }

  private remove(filePath: string): void {
    const removed = this.options.index.remove(filePath);
    if (!removed) return;
    this.options.linter.forget(filePath);
    this.clear(removed.uri);
    this.enqueueDependents(removed);
  }

  private clear(uri: string): void {
    if (!this.showing.delete(uri)) return;
    this.options.send({ uri, diagnostics: [] });
  }

  /** Queues the files whose findings may change with `file`, in the groups it belonged to before and after. */
  private enqueueDependents(file: IndexedFile, before?: IndexedFile): void {
    const groups = new Set<FormatGroup>([before?.group, file.group].filter((g): g is FormatGroup => g !== undefined));
    if (groups.size === 0) return;
    const { index } = this.options;
    const dependents = index.inGroups(groups).filter((f) => f.path !== file.path);
    // Open documents first: they are what the user is looking at.
    for (const dependent of dependents) if (index.isOpen(dependent.path)) this.queue.add(dependent.path);
    for (const dependent of dependents) this.queue.add(dependent.path);
  }

  /** Work started by a timer has no caller to report to: an error is logged, and the server goes on. */
  private safely(work: () => void): void {
    try {
      work();
    } catch (error) {
      this.options.log(`ztlint: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }

  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      while (this.queue.size > 0 && this.timers.size === 0) {
        const [next] = this.queue;
        this.queue.delete(next);
        const file = this.options.index.get(next);
        if (file) this.safely(() => this.publish(file));
        await nextTurn();
      }
    } finally {
      this.draining = false;
    }
  }
}
