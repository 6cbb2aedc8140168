import type { PublishDiagnosticsParams } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ConfigProblem } from '../config/config';
import type { ConfigStore } from './configStore';
import { configDiagnostics } from './diagnostics';
import { DEBOUNCE_MS } from './lintScheduler';
import { pathToUri, uriToPath } from './uri';

/** Shows each config file's problems on it, and clears them once it parses again. */
export class ConfigProblemsPublisher {
  private readonly showing = new Set<string>();

  constructor(private readonly send: (params: PublishDiagnosticsParams) => void) {}

  show(file: string, problems: readonly ConfigProblem[]): void {
    const uri = pathToUri(file);
    if (problems.length === 0 && !this.showing.delete(uri)) return;
    if (problems.length > 0) this.showing.add(uri);
    this.send({ uri, diagnostics: configDiagnostics(problems) });
  }
}

/**
 * Keeps the config store in step with config files as they are edited, closed, saved, created and deleted, and
 * asks for the workspace to be linted again when what a config applies has changed. Edits count once typing
 * pauses, as for any document: a half-typed config is mostly broken, and a broken one changes nothing.
 */
export class ConfigReloader {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly configs: ConfigStore,
    private readonly changed: () => void,
  ) {}

  /** The editor opened or edited a config file: its unsaved text counts. */
  edited(document: TextDocument): void {
    const file = uriToPath(document.uri);
    this.configs.setOpenText(file, document.getText());
    this.cancelTimer(file);
    this.timers.set(
      file,
      setTimeout(() => {
        this.timers.delete(file);
        this.reload(file);
      }, DEBOUNCE_MS),
    );
  }

  /** The editor closed a config file, perhaps without saving it: the disk counts again. */
  closed(document: TextDocument): void {
    const file = uriToPath(document.uri);
    this.cancelTimer(file);
    this.configs.setOpenText(file, undefined);
    this.reload(file);
  }

  /** The file watcher saw a config file change, appear or disappear; while it is open the editor's text counts. */
  diskChanged(file: string): void {
    if (!this.configs.isOpen(file)) this.reload(file);
  }

  private reload(file: string): void {
    if (this.configs.reload(file)) this.changed();
  }

  private cancelTimer(file: string): void {
    const timer = this.timers.get(file);
    if (timer) clearTimeout(timer);
    this.timers.delete(file);
  }
}
