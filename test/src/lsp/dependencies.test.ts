import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ServerStats } from 'ztlint/lsp/serverStats';
import { DEPLOYMENT_ONLY, SERVICE_ACCOUNT, SERVICE_ACCOUNT_WITHOUT_CLIENT_ID, VAULT_BICEP } from './fixtures';
import { fileUri, LspClient, makeWorkspace } from './lspClient';

const LABEL_MISSING = 'kubernetes-workload-identity-label-missing';

/** A Deployment like DEPLOYMENT_ONLY whose pods run as another ServiceAccount, declared nowhere. */
const OTHER_DEPLOYMENT = DEPLOYMENT_ONLY.replace(/serviceAccountName: orders/, 'serviceAccountName: billing').replace(/name: orders\b/g, 'name: billing');

describe('language server: what an edit re-lints, bursts, folders and excluded files', () => {
  const clients: LspClient[] = [];
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.stop()));
  });

  async function start(files: Readonly<Record<string, string>>, initializationOptions?: object): Promise<{ client: LspClient; workspace: string; uriOf: (name: string) => string }> {
    const workspace = makeWorkspace(files);
    const client = await LspClient.start(workspace, initializationOptions);
    clients.push(client);
    await client.waitFor(() => client.progress.find((p) => p.kind === 'end'), 30_000, () => 'the workspace scan');
    return { client, workspace, uriOf: (name) => fileUri(path.join(workspace, name)) };
  }

  /** The server's counts once nothing is waiting to be linted. */
  async function idle(client: LspClient): Promise<ServerStats> {
    for (;;) {
      const stats = (await client.executeCommand('ztlint.server.stats')) as ServerStats;
      if (stats.pending === 0) return stats;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  const relinted = (before: ServerStats, after: ServerStats) => Object.keys(after.lints).filter((file) => after.lints[file] !== before.lints[file]).map((file) => path.basename(file)).sort();

  it('re-lints only the files that asked the workspace for what the edited file declares', async () => {
    const { client, uriOf } = await start(
      { 'k8s/app.yaml': DEPLOYMENT_ONLY, 'k8s/billing.yaml': OTHER_DEPLOYMENT, 'k8s/sa.yaml': SERVICE_ACCOUNT_WITHOUT_CLIENT_ID, 'infra/vault.bicep': VAULT_BICEP },
      { debounceMs: 0 },
    );
    const account = uriOf('k8s/sa.yaml');
    await client.open(account, SERVICE_ACCOUNT_WITHOUT_CLIENT_ID, 'yaml');
    await client.waitForDiagnostics(account, (p) => p.version === 1);
    const opened = await idle(client);

    // The ServiceAccount changes: both Deployments asked the workspace for ServiceAccounts, the template did not.
    const version = await client.change(account, [{ text: SERVICE_ACCOUNT }]);
    await client.waitForDiagnostics(account, (p) => p.version === version);
    await client.waitForDiagnostics(uriOf('k8s/app.yaml'), (p) => p.diagnostics.some((d) => d.code === LABEL_MISSING));
    const edited = await idle(client);
    assert.deepEqual(relinted(opened, edited), ['app.yaml', 'billing.yaml', 'sa.yaml']);

    // A Deployment changes: nobody asks the workspace for Deployments, so only it is linted again.
    const app = uriOf('k8s/app.yaml');
    await client.open(app, DEPLOYMENT_ONLY, 'yaml');
    await client.waitForDiagnostics(app, (p) => p.version === 1);
    const appOpened = await idle(client);
    const appVersion = await client.change(app, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# edited\n' }]);
    await client.waitForDiagnostics(app, (p) => p.version === appVersion);
    assert.deepEqual(relinted(appOpened, await idle(client)), ['app.yaml']);
  });

  it('re-lints no other file when an edit leaves what the file tells the others as it was', async () => {
    const { client, uriOf } = await start({ 'k8s/app.yaml': DEPLOYMENT_ONLY, 'k8s/billing.yaml': OTHER_DEPLOYMENT, 'k8s/sa.yaml': SERVICE_ACCOUNT }, { debounceMs: 0 });
    const account = uriOf('k8s/sa.yaml');
    await client.open(account, SERVICE_ACCOUNT, 'yaml');
    await client.waitForDiagnostics(account, (p) => p.version === 1);
    const opened = await idle(client);
    // A label after everything the ServiceAccount's facts point at: its name, namespace, declaration and client id
    // are what they were, so the Deployments that read them are not linted again.
    const version = await client.change(account, [{ text: `${SERVICE_ACCOUNT}  labels:\n    team: orders\n` }]);
    await client.waitForDiagnostics(account, (p) => p.version === version);
    assert.deepEqual(relinted(opened, await idle(client)), ['sa.yaml']);
    assert.ok(client.latest(uriOf('k8s/app.yaml'))!.diagnostics.some((d) => d.code === LABEL_MISSING), 'the Deployment still sees the client id');
  });

  it('keeps no model of a closed file but a parameter file, and the others still read its facts', async () => {
    const { client, uriOf } = await start(
      { 'k8s/app.yaml': DEPLOYMENT_ONLY, 'k8s/sa.yaml': SERVICE_ACCOUNT, 'infra/vault.bicep': VAULT_BICEP, 'infra/vault.bicepparam': "using './vault.bicep'\n" },
      { debounceMs: 0 },
    );
    const app = uriOf('k8s/app.yaml');
    // Only the facts of the closed sa.yaml tell the Deployment that its ServiceAccount names a client id.
    await client.waitForDiagnostics(app, (p) => p.diagnostics.some((d) => d.code === LABEL_MISSING));
    assert.equal((await idle(client)).modelsKept, 1, 'the parameter file, which its template is linted with');
    await client.open(app, DEPLOYMENT_ONLY, 'yaml');
    await client.waitForDiagnostics(app, (p) => p.version === 1 && p.diagnostics.some((d) => d.code === LABEL_MISSING));
    assert.equal((await idle(client)).modelsKept, 2, 'and the open file');
    await client.close(app);
    for (let stats = await idle(client); stats.modelsKept !== 1; stats = await idle(client)) await new Promise((resolve) => setTimeout(resolve, 20));
  });

  it('never publishes an older version over a newer one under a burst of edits', async () => {
    const names = ['a.yaml', 'b.yaml', 'c.yaml'];
    const { client, uriOf } = await start(Object.fromEntries(names.map((n) => [n, DEPLOYMENT_ONLY])), { debounceMs: 0 });
    const uris = names.map(uriOf);
    for (const uri of uris) await client.open(uri, DEPLOYMENT_ONLY, 'yaml');
    const last = new Map<string, number>();
    for (let i = 0; i < 150; i++) {
      const uri = uris[i % uris.length];
      const round = Math.floor(i / uris.length);
      // typing a comment line, then deleting it
      const change = round % 2 === 0 ? { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '#\n' } : { range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }, text: '' };
      last.set(uri, await client.change(uri, [change]));
    }
    for (const uri of uris) await client.waitForDiagnostics(uri, (p) => p.version === last.get(uri), 60_000);
    for (const uri of uris) {
      const versions = client.published.filter((p) => p.uri === uri).map((p) => p.version!);
      assert.ok(versions.every((v, i) => i === 0 || v > versions[i - 1]), `versions published for ${uri}: ${versions.join(', ')}`);
      assert.equal(versions.at(-1), last.get(uri));
    }
  });

  it('scans a workspace folder added later and forgets one removed', async () => {
    const { client } = await start({ 'app.yaml': DEPLOYMENT_ONLY });
    const added = makeWorkspace({ 'infra/vault.bicep': VAULT_BICEP });
    const vault = fileUri(path.join(added, 'infra/vault.bicep'));
    await client.foldersChanged([added], []);
    await client.waitForDiagnostics(vault, (p) => p.diagnostics.some((d) => d.code === 'keyvault-rbac-disabled'));
    await client.foldersChanged([], [added]);
    await client.waitForDiagnostics(vault, (p) => p.diagnostics.length === 0);
    assert.ok(fs.existsSync(path.join(added, 'infra/vault.bicep')), 'the file is still on disk: the folder was only removed from the workspace');
  });

  it('gives an open file its config excludes no findings, and does not let it feed the others', async () => {
    const config = JSON.stringify({ exclude: ['k8s/sa.yaml'] });
    const { client, uriOf } = await start({ 'ztlint.config.json': config, 'k8s/app.yaml': DEPLOYMENT_ONLY, 'k8s/sa.yaml': SERVICE_ACCOUNT_WITHOUT_CLIENT_ID }, { debounceMs: 0 });
    const app = uriOf('k8s/app.yaml');
    const account = uriOf('k8s/sa.yaml');
    await client.open(app, DEPLOYMENT_ONLY, 'yaml');
    await client.open(account, `${SERVICE_ACCOUNT}  this line is broken YAML: [\n`, 'yaml');
    await client.waitForDiagnostics(app, (p) => p.version === 1);
    const version = await client.change(account, [{ text: SERVICE_ACCOUNT }]);
    await client.waitForDiagnostics(account, (p) => p.version === version);
    await idle(client);
    // Not even its syntax errors are shown, and an included copy of the same ServiceAccount would give the
    // Deployment a finding (as the workspace tests show).
    assert.ok(client.published.filter((p) => p.uri === account).every((p) => p.diagnostics.length === 0), JSON.stringify(client.latest(account)));
    assert.ok(!client.latest(app)!.diagnostics.some((d) => d.code === LABEL_MISSING), JSON.stringify(client.latest(app)));
  });
});
