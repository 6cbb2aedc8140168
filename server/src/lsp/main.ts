import * as path from 'node:path';
import { CodeActionKind, createConnection, DidChangeWatchedFilesNotification, ErrorCodes, ProposedFeatures, ResponseError, TextDocuments, TextDocumentSyncKind, type PublishDiagnosticsParams, type TextDocumentChangeEvent, type WorkDoneProgressReporter } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { editorLookup } from '../azure/existing/editorLookup';
import type { LiveLookup } from '../azure/existing/liveLookup';
import { isCandidateFile } from '../engine/files';
import { workspaceCatalogue } from '../config/configuredCatalogue';
import { builtinCatalogue, settledLater } from '../lint/catalogue';
import { collectFacts, NO_FACTS_COLLECTED } from '../lint/collectFacts';
import { DEFAULT_ANALYSIS_TIMEOUT_MS } from '../lint/deadline';
import { internalErrorLog } from '../lint/internalError';
import { TOOL_VERSION } from '../version';
import { CHECK_DEPLOYED_COMMAND, checkDeployed } from './checkDeployed';
import { codeActions, FIX_ALL_KIND, resolvableUri, resolveCodeAction } from './codeActions';
import { ConfigProblemsPublisher, ConfigReloader } from './configReloader';
import { ConfigStore, EXCLUDED, isConfigFile } from './configStore';
import { FileLinter } from './fileLinter';
import { hoverAt } from './hover';
import { DEBOUNCE_MS, debounceOption, LintScheduler } from './lintScheduler';
import { SERVER_STATS_COMMAND, serverStats, statsOptions } from './serverStats';
import { analysisPath, uriToPath } from './uri';
import { WorkspaceIndex } from './workspaceIndex';
import { SCAN_WORKSPACE_COMMAND, WorkspaceScanner } from './workspaceScan';
import { isWorkspaceTrusted } from './workspaceTrust';

const TRANSPORT_FLAGS = ['--stdio', '--node-ipc', '--socket', '--pipe'];

/** The files a client watches for us: those ztlint may read, whatever their content turns out to be. */
const WATCHED_FILES = '**/*.{bicep,bicepparam,json,jsonc,yaml,yml}';

function isInside(folder: string, filePath: string): boolean {
  const relative = path.relative(folder, filePath);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/**
 * Starts the language server on the transport named on the command line (`--stdio`, `--node-ipc`, as VS Code
 * passes them), or on standard input and output when none is named (`ztlint lsp`). This file only wires the
 * protocol to the parts that do the work: the index of the workspace, the config files, the linter, the scheduler
 * that publishes, the workspace scan, code actions and hovers.
 */
export function startLanguageServer(): void {
  const named = process.argv.some((arg) => TRANSPORT_FLAGS.some((flag) => arg === flag || arg.startsWith(`${flag}=`)));
  const connection = named ? createConnection(ProposedFeatures.all) : createConnection(ProposedFeatures.all, process.stdin, process.stdout);
  const documents = new TextDocuments(TextDocument);
  // Custom rules are added once the workspace folders and their trust are known (workspaceTrust.ts).
  const rulesInUse = settledLater(builtinCatalogue());
  const catalogue = rulesInUse.catalogue;
  // A file its config excludes feeds no facts to the others, as the CLI never reads it.
  const index = new WorkspaceIndex(
    (document) => {
      const settings = configs.settingsFor(document.path);
      return settings === EXCLUDED ? NO_FACTS_COLLECTED : collectFacts(document, catalogue.rules, { strict: settings.strict, timeoutMs: settings.analysisTimeoutMs });
    },
    (filePath) => !configs.isExcluded(filePath),
    (filePath) => {
      const settings = configs.settingsFor(filePath);
      return settings === EXCLUDED ? DEFAULT_ANALYSIS_TIMEOUT_MS : settings.analysisTimeoutMs;
    },
  );
  const log = (message: string) => connection.console.error(message);
  const send = (params: PublishDiagnosticsParams) => void connection.sendDiagnostics(params);
  const problems = new ConfigProblemsPublisher(send);
  const configs = new ConfigStore(
    catalogue.rules.map((r) => r.id),
    (file, found) => problems.show(file, found),
  );
  /** `existing` resources looked up in Azure, when the editor's settings ask for it (set at initialize) */
  let liveLookup: LiveLookup | undefined;
  const linter = new FileLinter(index, catalogue, (filePath) => configs.settingsFor(filePath), log, (resource, evaluate) => liveLookup?.bodies(resource, evaluate));
  let folders: string[] = [];
  let canWatchFiles = false;
  let canChangeFolders = false;
  /** the client resolves code actions' edits when one is chosen (see `CodeActionContext.resolvesEdits`) */
  let resolvesEdits = false;
  let debounceMs = DEBOUNCE_MS;
  /** `initializationOptions.run` "onSave" (VS Code's `ztlint.run`): open documents are linted when opened and saved, not as typed */
  let lintOnSave = false;
  const scheduler = new LintScheduler({
    index,
    linter,
    catalogue,
    documents,
    send,
    inWorkspace: (filePath) => folders.some((folder) => isInside(folder, filePath)),
    excluded: (filePath) => configs.isExcluded(filePath),
    log,
    debounceMs: () => debounceMs,
  });
  // A lookup's answer changes what the open files' rules see, not their text: their cached lints are stale.
  const relintOpen = () => {
    for (const document of documents.all()) linter.forget(analysisPath(document.uri, document.languageId));
    scheduler.refreshOpenDocuments();
  };
  const scanner = new WorkspaceScanner({ index, scheduler, linter, configs, folders: () => folders });
  const scan = (progress: () => Promise<WorkDoneProgressReporter>) => {
    const started = Date.now();
    return scanner.scan(progress).then((summary) => {
      connection.console.log(`ztlint: read and linted ${summary.files} workspace files in ${Date.now() - started} ms`);
      return summary;
    });
  };
  const scanInBackground = () =>
    void scan(() => connection.window.createWorkDoneProgress()).catch((error) => log(`ztlint: workspace scan failed: ${internalErrorLog(error)}`));
  // What a config applies decides which files are read and what they show: a change means linting them again.
  const configFiles = new ConfigReloader(configs, scanInBackground);
  /** the one trust flag: whatever would let the workspace change what code runs is gated on it (workspaceTrust.ts) */
  let trusted = true;

  connection.onInitialize((params) => {
    const uris = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    folders = uris.filter((uri) => uri.startsWith('file:')).map(uriToPath);
    canWatchFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    canChangeFolders = params.capabilities.workspace?.workspaceFolders === true;
    resolvesEdits = params.capabilities.textDocument?.codeAction?.resolveSupport?.properties.includes('edit') === true;
    debounceMs = debounceOption(params.initializationOptions) ?? DEBOUNCE_MS;
    lintOnSave = (params.initializationOptions as { readonly run?: unknown } | undefined)?.run === 'onSave';
    trusted = isWorkspaceTrusted(params);
    liveLookup = editorLookup(params.initializationOptions, trusted, relintOpen, log);
    const configured = workspaceCatalogue(folders, trusted);
    if (configured.ok) rulesInUse.settle(configured.catalogue);
    else log(`ztlint: custom rules not loaded, only the built-in rules run:\n${configured.problems.join('\n')}`);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: true },
        hoverProvider: true,
        executeCommandProvider: { commands: [SCAN_WORKSPACE_COMMAND, SERVER_STATS_COMMAND, CHECK_DEPLOYED_COMMAND] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'ztlint', version: TOOL_VERSION },
    };
  });

  connection.onInitialized(() => {
    if (!trusted) connection.console.log('ztlint: the workspace is not trusted: only the built-in rules run (its config file still chooses among them)');
    if (canWatchFiles) void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: WATCHED_FILES }] });
    if (canChangeFolders) {
      // The scan reads what the new folders hold and forgets what the removed ones held.
      connection.workspace.onDidChangeWorkspaceFolders(({ added, removed }) => {
        const gone = new Set(removed.map((folder) => uriToPath(folder.uri)));
        folders = [...folders.filter((folder) => !gone.has(folder)), ...added.filter((folder) => folder.uri.startsWith('file:')).map((folder) => uriToPath(folder.uri))];
        scanInBackground();
      });
    }
    scanInBackground();
  });

  // Config files are not linted: they are read as settings, and their problems shown on them.
  documents.onDidChangeContent((e) => (isConfigFile(uriToPath(e.document.uri)) ? configFiles.edited(e.document) : lintOnSave ? undefined : scheduler.contentChanged(e.document)));
  const lintWhenOnSave = (e: TextDocumentChangeEvent<TextDocument>) => lintOnSave && !isConfigFile(uriToPath(e.document.uri)) && scheduler.contentChanged(e.document);
  documents.onDidOpen(lintWhenOnSave);
  documents.onDidSave(lintWhenOnSave);
  documents.onDidClose((e) => (isConfigFile(uriToPath(e.document.uri)) ? configFiles.closed(e.document) : scheduler.closed(e.document)));
  connection.onDidChangeWatchedFiles(({ changes }) => {
    for (const change of changes) {
      const filePath = uriToPath(change.uri);
      if (isConfigFile(filePath)) configFiles.diskChanged(filePath);
      else if (isCandidateFile(filePath)) scheduler.diskChanged(filePath);
    }
  });

  connection.onExecuteCommand((params, _token, workDoneProgress) => {
    if (params.command === SERVER_STATS_COMMAND) return serverStats(statsOptions(params.arguments), { lints: Object.fromEntries(linter.runs), reads: Object.fromEntries(index.openReads), pending: scheduler.pending, modelsKept: index.all().filter((f) => f.document).length });
    if (params.command === CHECK_DEPLOYED_COMMAND) return checkDeployed(params.arguments, catalogue, folders[0], log);
    if (params.command !== SCAN_WORKSPACE_COMMAND) throw new ResponseError(ErrorCodes.InvalidParams, `ztlint: unknown command ${params.command}`);
    // The client's own progress when it sent a token for one, else one the server asks the client to show.
    return scan(() => (params.workDoneToken !== undefined ? Promise.resolve(workDoneProgress) : connection.window.createWorkDoneProgress()));
  });

  connection.onCodeAction((params, token) => {
    const document = documents.get(params.textDocument.uri);
    if (!document || isConfigFile(uriToPath(document.uri)) || token.isCancellationRequested) return [];
    const file = scheduler.sync(document);
    return codeActions(params, file, linter.lint(file).findings, { index, linter, catalogue, resolvesEdits });
  });

  connection.onCodeActionResolve((action) => {
    const document = documents.get(resolvableUri(action) ?? '');
    return document ? resolveCodeAction(action, scheduler.sync(document), { index, linter, catalogue, resolvesEdits }) : action;
  });

  connection.onHover((params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document || isConfigFile(uriToPath(document.uri))) return null;
    const file = scheduler.sync(document);
    return hoverAt(file, linter.lint(file).findings, params.position, catalogue);
  });

  documents.listen(connection);
  connection.listen();
}

if (require.main === module) startLanguageServer();
