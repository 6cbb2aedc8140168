import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Diagnostic, MarkupContent } from 'vscode-languageserver-protocol/node';
import { fileUri, LspClient, makeWorkspace } from '../lsp/lspClient';
import { FILES, leaks } from './fakeSecrets';

const LANGUAGES: Record<string, string> = { '.bicep': 'bicep', '.bicepparam': 'bicep-params', '.json': 'json', '.yaml': 'yaml' };

/** Everything a diagnostic shows a person: its message, its related messages, its code. */
const diagnosticText = (d: Diagnostic) => [d.message, String(d.code ?? ''), ...(d.relatedInformation ?? []).map((r) => r.message)].join('\n');

describe('robustness: secrets are never shown in full by the language server', function () {
  this.timeout(120_000);

  it('diagnostics, hovers, code action titles, log messages and error responses hold no fake secret whole', async () => {
    const workspace = makeWorkspace(FILES);
    const client = await LspClient.start(workspace);
    const shown: [string, string][] = [];
    try {
      for (const [name, text] of Object.entries(FILES)) {
        const uri = fileUri(path.join(workspace, name));
        await client.open(uri, text, LANGUAGES[path.extname(name)]);
        const published = await client.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => String(d.code).startsWith('secrets-') || String(d.code).includes('credentials')), 30_000);
        for (const d of published.diagnostics) {
          shown.push([`diagnostic ${String(d.code)} of ${name}`, diagnosticText(d)]);
          const hover = await client.hover(uri, d.range.start);
          if (hover) shown.push([`hover on ${String(d.code)} of ${name}`, (hover.contents as MarkupContent).value ?? JSON.stringify(hover.contents)]);
          const actions = await client.codeActions(uri, d.range);
          for (const action of actions) shown.push([`code action of ${String(d.code)} in ${name}`, action.title]);
        }
        // The file's secret findings were there to be shown: the checks above are about them.
        assert.ok(published.diagnostics.length > 0, name);
      }
      // Requests the server refuses answer with an error message: it must not quote the file either.
      const errors = await Promise.allSettled([client.executeCommand('ztlint.no-such-command', FILES['infra/main.bicep'])]);
      for (const e of errors) if (e.status === 'rejected') shown.push(['an error response', e.reason instanceof Error ? e.reason.message : String(e.reason)]);
      assert.ok(errors.some((e) => e.status === 'rejected'), 'the unknown command was refused');
      shown.push(['window/logMessage', client.logMessages.join('\n')], ['the server\u2019s standard error', client.log]);
    } finally {
      await client.stop();
    }
    assert.ok(shown.filter(([where]) => where.startsWith('diagnostic')).length >= 9, `${shown.length} texts shown`);
    assert.ok(shown.some(([where]) => where.startsWith('hover')));
    assert.deepEqual(shown.flatMap(([where, text]) => leaks(where, text)), []);
  });
});
