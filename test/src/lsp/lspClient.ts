import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionRequest,
  CodeActionResolveRequest,
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidChangeWorkspaceFoldersNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExecuteCommandRequest,
  ExitNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  WorkDoneProgress,
  WorkDoneProgressCreateRequest,
  type CodeAction,
  type Command,
  type FileEvent,
  type Hover,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Range,
  type TextDocumentClientCapabilities,
  type TextDocumentContentChangeEvent,
  type WorkDoneProgressBegin,
  type WorkDoneProgressEnd,
  type WorkDoneProgressReport,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

const REPO = path.resolve(__dirname, '../../..');
const SERVER = path.join(REPO, 'server/bin/ztlint.js');

export function fileUri(filePath: string): string {
  return pathToFileURL(filePath).href;
}

/** A temp folder with the given files, for one server's workspace. */
export function makeWorkspace(files: Readonly<Record<string, string>>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ztlint-lsp-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  }
  return root;
}

/**
 * A server on a new workspace holding `files`, started before each test of the calling suite and stopped after it.
 * The fields are set anew for each test: read them inside the tests, not when the suite is defined.
 */
export function serverPerTest(files: Readonly<Record<string, string>> = {}): { readonly client: LspClient; readonly workspace: string; uriOf(name: string): string } {
  const session = {
    client: undefined as unknown as LspClient,
    workspace: '',
    uriOf: (name: string) => fileUri(path.join(session.workspace, name)),
  };
  beforeEach(async () => {
    session.workspace = makeWorkspace(files);
    session.client = await LspClient.start(session.workspace);
  });
  afterEach(() => session.client.stop());
  return session;
}

type ProgressValue = WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd;

/**
 * The client side of the protocol, driving `ztlint --stdio` as an editor would. It records every diagnostics
 * notification and progress report and answers the requests a server sends to its client.
 */
export class LspClient {
  readonly published: PublishDiagnosticsParams[] = [];
  /** when each of `published` arrived (`performance.now()`), for latency figures */
  readonly publishedAt: number[] = [];
  readonly progress: ProgressValue[] = [];
  readonly registrations: string[] = [];
  /** what the server logged through `window/logMessage` */
  readonly logMessages: string[] = [];
  initializeResult: InitializeResult | undefined;
  private stderr = '';
  private readonly waiters = new Set<() => void>();
  private readonly versions = new Map<string, number>();

  private constructor(
    private readonly process: ChildProcess,
    private readonly connection: ProtocolConnection,
  ) {
    process.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.published.push(params);
      this.publishedAt.push(performance.now());
      this.notify();
    });
    connection.onRequest(WorkDoneProgressCreateRequest.type, ({ token }) => {
      connection.onProgress(WorkDoneProgress.type, token, (value) => {
        this.progress.push(value);
        this.notify();
      });
    });
    connection.onNotification(LogMessageNotification.type, ({ message }) => {
      this.logMessages.push(message);
      this.notify();
    });
    connection.onRequest(RegistrationRequest.type, (params) => {
      this.registrations.push(...params.registrations.map((r) => r.method));
    });
    connection.listen();
  }

  /** `server`: the `ztlint` bin to run (default: the workspace's). */
  static async start(workspace: string, initializationOptions?: object, server = SERVER, textDocument: TextDocumentClientCapabilities = {}): Promise<LspClient> {
    const child = spawn(process.execPath, [server, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new LspClient(child, connection);
    client.initializeResult = await connection.sendRequest(InitializeRequest.type, {
      ...(initializationOptions ? { initializationOptions } : {}),
      processId: process.pid,
      rootUri: fileUri(workspace),
      workspaceFolders: [{ uri: fileUri(workspace), name: path.basename(workspace) }],
      capabilities: {
        window: { workDoneProgress: true },
        workspace: { didChangeWatchedFiles: { dynamicRegistration: true }, workspaceFolders: true },
        textDocument: { publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true, versionSupport: true }, ...textDocument },
      },
    });
    await connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  /** What the server wrote on stderr, for assertion messages. */
  get log(): string {
    return this.stderr;
  }

  async open(uri: string, text: string, languageId = 'plaintext'): Promise<void> {
    this.versions.set(uri, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Sends incremental changes; returns the new version. */
  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<number> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  async foldersChanged(added: readonly string[], removed: readonly string[]): Promise<void> {
    const folder = (root: string) => ({ uri: fileUri(root), name: path.basename(root) });
    await this.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, { event: { added: added.map(folder), removed: removed.map(folder) } });
  }

  async filesChanged(changes: FileEvent[]): Promise<void> {
    await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  }

  async codeActions(uri: string, range: Range, only?: string[]): Promise<CodeAction[]> {
    const result = await this.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics: [], ...(only ? { only } : {}) } });
    return (result ?? []).filter((a): a is CodeAction => !('command' in a && typeof (a as Command).command === 'string'));
  }

  resolveCodeAction(action: CodeAction): Promise<CodeAction> {
    return this.connection.sendRequest(CodeActionResolveRequest.type, action);
  }

  executeCommand(command: string, ...args: unknown[]): Promise<unknown> {
    return this.connection.sendRequest(ExecuteCommandRequest.type, { command, arguments: args });
  }

  hover(uri: string, position: { line: number; character: number }): Promise<Hover | null> {
    return this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
  }

  /** The latest diagnostics published for `uri`. */
  latest(uri: string): PublishDiagnosticsParams | undefined {
    return this.published.filter((p) => p.uri === uri).at(-1);
  }

  /** Waits until the latest diagnostics published for `uri` satisfy `accept`. */
  waitForDiagnostics(uri: string, accept: (p: PublishDiagnosticsParams) => boolean, timeoutMs = 10_000): Promise<PublishDiagnosticsParams> {
    return this.waitFor(() => {
      const latest = this.latest(uri);
      return latest && accept(latest) ? latest : undefined;
    }, timeoutMs, () => `diagnostics for ${uri}; last published: ${JSON.stringify(this.latest(uri), null, 1)}`);
  }

  waitFor<T>(check: () => T | undefined, timeoutMs: number, what: () => string): Promise<T> {
    return new Promise((resolve, reject) => {
      const attempt = () => {
        const value = check();
        if (value === undefined) return false;
        this.waiters.delete(attempt as () => void);
        clearTimeout(timer);
        resolve(value);
        return true;
      };
      const timer = setTimeout(() => {
        this.waiters.delete(attempt as () => void);
        reject(new Error(`timed out waiting for ${what()}\nserver log:\n${this.stderr}`));
      }, timeoutMs);
      if (!attempt()) this.waiters.add(attempt as () => void);
    });
  }

  async stop(): Promise<void> {
    const exited = new Promise<void>((resolve) => this.process.once('exit', () => resolve()));
    await this.connection.sendRequest(ShutdownRequest.type);
    await this.connection.sendNotification(ExitNotification.type);
    await exited;
    this.connection.dispose();
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}

/** The text after applying a code action's edit for `uri`, as the editor would. */
export function applyWorkspaceEdit(text: string, uri: string, edit: WorkspaceEdit | undefined): string {
  const edits = edit?.changes?.[uri];
  if (!edits) throw new Error(`the edit has no changes for ${uri}: ${JSON.stringify(edit)}`);
  return TextDocument.applyEdits(TextDocument.create(uri, 'text', 0, text), edits);
}
