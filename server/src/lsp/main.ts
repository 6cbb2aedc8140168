import { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind, DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { pathToFileURL } from 'node:url';
import { uriToPath } from './uri';
import { analyzeDocument } from '../engine/analyze';
import { builtinCatalogue } from '../lint/catalogue';
import { lintDocument } from '../lint/lintDocument';
import type { Severity } from '../lint/ruleApi';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

const TRANSPORT_FLAGS = ['--stdio', '--node-ipc', '--socket', '--pipe'];

/** The diagnostics of one open document: its parse problems and the rules' unsuppressed findings. */
function diagnosticsOf(document: TextDocument): Diagnostic[] {
  const analyzed = analyzeDocument(uriToPath(document.uri), document.getText());
  const catalogue = builtinCatalogue();
  const range = (r: { start: number; end: number }) => ({ start: document.positionAt(r.start), end: document.positionAt(r.end) });
  const syntax: Diagnostic[] = analyzed.diagnostics.map((d) => ({ range: range(d.range), severity: SEVERITY[d.severity], code: d.code, source: 'ztlint', message: d.message }));
  const findings: Diagnostic[] = lintDocument(analyzed, { rules: catalogue.rules })
    .findings.filter((f) => !f.suppression)
    .map((f) => {
      const href = catalogue.docsUri(f.ruleId);
      return {
        range: range(f.range),
        severity: SEVERITY[f.severity],
        code: f.ruleId,
        ...(href ? { codeDescription: { href } } : {}),
        source: 'ztlint',
        message: f.message,
        relatedInformation: f.related
          .filter((r) => !r.file)
          .map((r) => ({ location: { uri: document.uri, range: range(r.range) }, message: r.message }))
          .concat(f.related.filter((r) => r.file).map((r) => ({ location: { uri: pathToFileURL(r.file!).href, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }, message: r.message }))),
      };
    });
  return [...syntax, ...findings];
}

/**
 * Starts the language server on the transport named on the command line (`--stdio`, `--node-ipc`, as VS Code
 * passes them), or on standard input and output when none is named (`ztlint lsp`).
 */
export function startLanguageServer(): void {
  const named = process.argv.some((arg) => TRANSPORT_FLAGS.some((flag) => arg === flag || arg.startsWith(`${flag}=`)));
  const connection = named ? createConnection(ProposedFeatures.all) : createConnection(ProposedFeatures.all, process.stdin, process.stdout);
  const documents = new TextDocuments(TextDocument);

  const publish = (document: TextDocument) => {
    void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: diagnosticsOf(document) });
  };

  connection.onInitialize(() => ({ capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental } }));
  documents.onDidOpen((e) => publish(e.document));
  documents.onDidChangeContent((e) => publish(e.document));
  documents.onDidClose((e) => void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] }));
  documents.listen(connection);
  connection.listen();
}

if (require.main === module) startLanguageServer();
