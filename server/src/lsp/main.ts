import * as path from 'node:path';
import { CodeActionKind, createConnection, DidChangeWatchedFilesNotification, ProposedFeatures, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { isCandidateFile } from '../engine/files';
import { builtinCatalogue } from '../lint/catalogue';
import { TOOL_VERSION } from '../version';
import { codeActions, FIX_ALL_KIND } from './codeActions';
import { FileLinter } from './fileLinter';
import { hoverAt } from './hover';
import { LintScheduler } from './lintScheduler';
import { uriToPath } from './uri';
import { WorkspaceIndex } from './workspaceIndex';
import { scanWorkspace } from './workspaceScan';

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
 * protocol to the parts that do the work: the index of the workspace, the linter, the scheduler that publishes,
 * code actions and hovers.
 */
export function startLanguageServer(): void {
  const named = process.argv.some((arg) => TRANSPORT_FLAGS.some((flag) => arg === flag || arg.startsWith(`${flag}=`)));
  const connection = named ? createConnection(ProposedFeatures.all) : createConnection(ProposedFeatures.all, process.stdin, process.stdout);
  const documents = new TextDocuments(TextDocument);
  const catalogue = builtinCatalogue();
  const index = new WorkspaceIndex();
  const log = (message: string) => connection.console.error(message);
  const linter = new FileLinter(index, catalogue, log);
  let folders: string[] = [];
  let canWatchFiles = false;
  const scheduler = new LintScheduler({
    index,
    linter,
    catalogue,
    documents,
    send: (params) => void connection.sendDiagnostics(params),
    inWorkspace: (filePath) => folders.some((folder) => isInside(folder, filePath)),
    log,
  });

  connection.onInitialize((params) => {
    const uris = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    folders = uris.filter((uri) => uri.startsWith('file:')).map(uriToPath);
    canWatchFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        hoverProvider: true,
      },
      serverInfo: { name: 'ztlint', version: TOOL_VERSION },
    };
  });

  connection.onInitialized(() => {
    if (canWatchFiles) void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: WATCHED_FILES }] });
    const started = Date.now();
    void connection.window
      .createWorkDoneProgress()
      .then((progress) => scanWorkspace(folders, index, scheduler, progress))
      .then(({ files }) => connection.console.log(`ztlint: read and linted ${files} workspace files in ${Date.now() - started} ms`))
      .catch((error) => log(`ztlint: workspace scan failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`));
  });

  documents.onDidChangeContent((e) => scheduler.contentChanged(e.document));
  documents.onDidClose((e) => scheduler.closed(e.document));
  connection.onDidChangeWatchedFiles(({ changes }) => {
    for (const change of changes) {
      const filePath = uriToPath(change.uri);
      if (isCandidateFile(filePath)) scheduler.diskChanged(filePath);
    }
  });

  connection.onCodeAction((params, token) => {
    const document = documents.get(params.textDocument.uri);
    if (!document || token.isCancellationRequested) return [];
    const file = scheduler.sync(document);
    return codeActions(params, file, linter.lint(file).findings, { index, linter, catalogue });
  });

  connection.onHover((params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return null;
    const file = scheduler.sync(document);
    return hoverAt(file, linter.lint(file).findings, params.position, catalogue);
  });

  documents.listen(connection);
  connection.listen();
}

if (require.main === module) startLanguageServer();
