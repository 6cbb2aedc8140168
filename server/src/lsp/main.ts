import { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind, DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { uriToPath } from './uri';
import { analyzeDocument } from '../engine/analyze';
import type { SyntaxSeverity } from '../text/syntaxDiagnostic';

const SEVERITY: Record<SyntaxSeverity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

const TRANSPORT_FLAGS = ['--stdio', '--node-ipc', '--socket', '--pipe'];

/**
 * Starts the language server on the transport named on the command line (`--stdio`, `--node-ipc`, as VS Code
 * passes them), or on standard input and output when none is named (`ztlint lsp`).
 */
export function startLanguageServer(): void {
  const named = process.argv.some((arg) => TRANSPORT_FLAGS.some((flag) => arg === flag || arg.startsWith(`${flag}=`)));
  const connection = named ? createConnection(ProposedFeatures.all) : createConnection(ProposedFeatures.all, process.stdin, process.stdout);
  const documents = new TextDocuments(TextDocument);

  const publish = (document: TextDocument) => {
    const analyzed = analyzeDocument(uriToPath(document.uri), document.getText());
    const diagnostics: Diagnostic[] = analyzed.diagnostics.map((d) => ({
      range: { start: document.positionAt(d.range.start), end: document.positionAt(d.range.end) },
      severity: SEVERITY[d.severity],
      code: d.code,
      source: 'ztlint',
      message: d.message,
    }));
    void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics });
  };

  connection.onInitialize(() => ({ capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental } }));
  documents.onDidOpen((e) => publish(e.document));
  documents.onDidChangeContent((e) => publish(e.document));
  documents.onDidClose((e) => void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] }));
  documents.listen(connection);
  connection.listen();
}

if (require.main === module) startLanguageServer();
