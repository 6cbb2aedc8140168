import * as path from 'node:path';
import { CodeActionKind, createConnection, DidChangeWatchedFilesNotification, ErrorCodes, ProposedFeatures, ResponseError, TextDocuments, TextDocumentSyncKind, type PublishDiagnosticsParams, type WorkDoneProgressReporter } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { isCandidateFile } from '../engine/files';
import { builtinCatalogue } from '../lint/catalogue';
import { TOOL_VERSION } from '../version';
import { codeActions, FIX_ALL_KIND } from './codeActions';
import { ConfigProblemsPublisher, ConfigReloader } from './configReloader';
import { ConfigStore, isConfigFile } from './configStore';
import { FileLinter } from './fileLinter';
import { hoverAt } from './hover';
import { LintScheduler } from './lintScheduler';
import { uriToPath } from './uri';
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
  const catalogue = builtinCatalogue();
  const index = new WorkspaceIndex();
  const log = (message: string) => connection.console.error(message);
  const send = (params: PublishDiagnosticsParams) => void connection.sendDiagnostics(params);
  const problems = new ConfigProblemsPublisher(send);
  const configs = new ConfigStore(
    catalogue.rules.map((r) => r.id),
    (file, found) => problems.show(file, found),
  );
  const linter = new FileLinter(index, catalogue, (filePath) => configs.settingsFor(filePath), log);
  let folders: string[] = [];
  let canWatchFiles = false;
  const scheduler = new LintScheduler({
    index,
    linter,
    catalogue,
    documents,
    send,
    inWorkspace: (filePath) => folders.some((folder) => isInside(folder, filePath)),
    excluded: (filePath) => configs.isExcluded(filePath),
    log,
  });
  const scanner = new WorkspaceScanner({ index, scheduler, linter, configs, folders: () => folders });
  const scan = (progress: () => Promise<WorkDoneProgressReporter>) => {
    const started = Date.now();
    return scanner.scan(progress).then((summary) => {
      connection.console.log(`ztlint: read and linted ${summary.files} workspace files in ${Date.now() - started} ms`);
      return summary;
    });
  };
  const scanInBackground = () =>
    void scan(() => connection.window.createWorkDoneProgress()).catch((error) => log(`ztlint: workspace scan failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`));
  // What a config applies decides which files are read and what they show: a change means linting them again.
  const configFiles = new ConfigReloader(configs, scanInBackground);
  /** the one trust flag: whatever would let the workspace change what code runs is gated on it (workspaceTrust.ts) */
  let trusted = true;

  connection.onInitialize((params) => {
    const uris = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    folders = uris.filter((uri) => uri.startsWith('file:')).map(uriToPath);
    canWatchFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    trusted = isWorkspaceTrusted(params);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        hoverProvider: true,
        executeCommandProvider: { commands: [SCAN_WORKSPACE_COMMAND] },
      },
      serverInfo: { name: 'ztlint', version: TOOL_VERSION },
    };
  });

  connection.onInitialized(() => {
    if (!trusted) connection.console.log('ztlint: the workspace is not trusted: only the built-in rules run (its config file still chooses among them)');
    if (canWatchFiles) void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: WATCHED_FILES }] });
    scanInBackground();
  });

  // Config files are not linted: they are read as settings, and their problems shown on them.
  documents.onDidChangeContent((e) => (isConfigFile(uriToPath(e.document.uri)) ? configFiles.edited(e.document) : scheduler.contentChanged(e.document)));
  documents.onDidClose((e) => (isConfigFile(uriToPath(e.document.uri)) ? configFiles.closed(e.document) : scheduler.closed(e.document)));
  connection.onDidChangeWatchedFiles(({ changes }) => {
    for (const change of changes) {
      const filePath = uriToPath(change.uri);
      if (isConfigFile(filePath)) configFiles.diskChanged(filePath);
      else if (isCandidateFile(filePath)) scheduler.diskChanged(filePath);
    }
  });

  connection.onExecuteCommand((params, _token, workDoneProgress) => {
    if (params.command !== SCAN_WORKSPACE_COMMAND) throw new ResponseError(ErrorCodes.InvalidParams, `ztlint: unknown command ${params.command}`);
    // The client's own progress when it sent a token for one, else one the server asks the client to show.
    return scan(() => (params.workDoneToken !== undefined ? Promise.resolve(workDoneProgress) : connection.window.createWorkDoneProgress()));
  });

  connection.onCodeAction((params, token) => {
    const document = documents.get(params.textDocument.uri);
    if (!document || isConfigFile(uriToPath(document.uri)) || token.isCancellationRequested) return [];
    const file = scheduler.sync(document);
    return codeActions(params, file, linter.lint(file).findings, { index, linter, catalogue });
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
