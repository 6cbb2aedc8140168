import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FileChangeType } from 'vscode-languageserver-protocol/node';
import { DEPLOYMENT_ONLY, SERVICE_ACCOUNT, SERVICE_ACCOUNT_WITHOUT_CLIENT_ID, VAULT_BICEP } from './fixtures';
import { serverPerTest } from './lspClient';

const LABEL_MISSING = 'kubernetes-workload-identity-label-missing';

describe('language server: workspace', () => {
  const server = serverPerTest({
    'infra/closed.bicep': VAULT_BICEP,
    'k8s/app.yaml': DEPLOYMENT_ONLY,
    'k8s/sa.yaml': SERVICE_ACCOUNT_WITHOUT_CLIENT_ID,
    'package.json': '{ "name": "not-a-template" }',
    'node_modules/dep/vault.bicep': VAULT_BICEP,
  });
  const { uriOf } = server;

  it('scans the workspace with progress and publishes diagnostics for files that are not open', async () => {
    const published = await server.client.waitForDiagnostics(uriOf('infra/closed.bicep'), (p) => p.diagnostics.some((d) => d.code === 'keyvault-rbac-disabled'));
    assert.equal(published.version, undefined, 'a file read from disk has no editor version');
    await server.client.waitFor(() => server.client.progress.find((p) => p.kind === 'end'), 10_000, () => `progress end: ${JSON.stringify(server.client.progress)}`);
    assert.equal(server.client.progress[0].kind, 'begin');
    assert.deepEqual(server.client.registrations, ['workspace/didChangeWatchedFiles']);
    // Clean files, files that are not templates and skipped folders publish nothing.
    for (const name of ['k8s/sa.yaml', 'k8s/app.yaml', 'package.json', 'node_modules/dep/vault.bicep']) assert.equal(server.client.latest(uriOf(name)), undefined, name);
  });

  it('re-lints a file when another file it depends on is edited, opened, closed or changed on disk', async () => {
    const app = uriOf('k8s/app.yaml');
    const account = uriOf('k8s/sa.yaml');
    await server.client.waitFor(() => server.client.progress.find((p) => p.kind === 'end'), 10_000, () => 'the workspace scan');
    await server.client.open(app, DEPLOYMENT_ONLY, 'yaml');
    await server.client.waitForDiagnostics(app, (p) => p.diagnostics.length === 0);

    // Editing the ServiceAccount in its own file gives the Deployment a finding pointing at it.
    await server.client.open(account, SERVICE_ACCOUNT_WITHOUT_CLIENT_ID, 'yaml');
    await server.client.change(account, [{ text: SERVICE_ACCOUNT }]);
    const withFinding = await server.client.waitForDiagnostics(app, (p) => p.diagnostics.some((d) => d.code === LABEL_MISSING));
    const [related] = withFinding.diagnostics.find((d) => d.code === LABEL_MISSING)!.relatedInformation!;
    assert.equal(related.location.uri, account);
    assert.deepEqual(related.location.range, { start: { line: 5, character: 39 }, end: { line: 5, character: 75 } }, 'the range is computed from the other file');

    // Closing the edited file without saving: its text on disk (no client id) counts again.
    await server.client.close(account);
    await server.client.waitForDiagnostics(app, (p) => p.diagnostics.length === 0);

    // Saved by another program: the file watcher reports it.
    fs.writeFileSync(path.join(server.workspace, 'k8s/sa.yaml'), SERVICE_ACCOUNT);
    await server.client.filesChanged([{ uri: account, type: FileChangeType.Changed }]);
    await server.client.waitForDiagnostics(app, (p) => p.diagnostics.some((d) => d.code === LABEL_MISSING));

    fs.rmSync(path.join(server.workspace, 'k8s/sa.yaml'));
    await server.client.filesChanged([{ uri: account, type: FileChangeType.Deleted }]);
    await server.client.waitForDiagnostics(app, (p) => p.diagnostics.length === 0);
  });

  it('lints a file created on disk and clears the diagnostics of one deleted', async () => {
    await server.client.waitFor(() => server.client.progress.find((p) => p.kind === 'end'), 10_000, () => 'the workspace scan');
    const created = uriOf('infra/new.bicep');
    fs.writeFileSync(path.join(server.workspace, 'infra/new.bicep'), VAULT_BICEP);
    await server.client.filesChanged([{ uri: created, type: FileChangeType.Created }]);
    await server.client.waitForDiagnostics(created, (p) => p.diagnostics.some((d) => d.code === 'keyvault-rbac-disabled'));
    fs.rmSync(path.join(server.workspace, 'infra/new.bicep'));
    await server.client.filesChanged([{ uri: created, type: FileChangeType.Deleted }]);
    await server.client.waitForDiagnostics(created, (p) => p.diagnostics.length === 0);
  });

  it('rescans the workspace on workspace/executeCommand ztlint.server.scanWorkspace, with progress', async () => {
    assert.ok(server.client.initializeResult?.capabilities.executeCommandProvider?.commands?.includes('ztlint.server.scanWorkspace'));
    await server.client.waitFor(() => server.client.progress.find((p) => p.kind === 'end'), 10_000, () => 'the workspace scan');
    // Changed behind the server's back, with no file watcher to report it: the rescan finds out.
    fs.writeFileSync(path.join(server.workspace, 'infra/unseen.bicep'), VAULT_BICEP);
    fs.rmSync(path.join(server.workspace, 'infra/closed.bicep'));
    const summary = await server.client.executeCommand('ztlint.server.scanWorkspace');
    const unseen = server.client.latest(uriOf('infra/unseen.bicep'));
    assert.ok(unseen && unseen.diagnostics.some((d) => d.code === 'keyvault-rbac-disabled'), JSON.stringify(unseen));
    assert.deepEqual(server.client.latest(uriOf('infra/closed.bicep'))?.diagnostics, []);
    // infra/unseen.bicep, k8s/app.yaml, k8s/sa.yaml, package.json: node_modules is skipped.
    assert.deepEqual(summary, { files: 4, findings: unseen.diagnostics.length });
    assert.deepEqual(
      server.client.progress.map((p) => p.kind).filter((kind) => kind !== 'report'),
      ['begin', 'end', 'begin', 'end'],
    );
  });
});
