import * as assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol/node';
import { ARM_VAULT, VAULT_BICEP } from './fixtures';
import { serverPerTest } from './lspClient';

describe('language server: diagnostics', () => {
  const server = serverPerTest();

  it('publishes rule findings with the rule id, its docs link and severity', async () => {
    const uri = server.uriOf('vault.bicep');
    await server.client.open(uri, VAULT_BICEP, 'bicep');
    const published = await server.client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0);
    assert.equal(published.version, 1);
    const rbac = published.diagnostics.find((d) => d.code === 'keyvault-rbac-disabled');
    assert.ok(rbac, JSON.stringify(published.diagnostics));
    assert.equal(rbac.source, 'ztlint');
    assert.equal(rbac.severity, DiagnosticSeverity.Warning);
    assert.equal(rbac.codeDescription?.href, 'https://github.com/ztlint/ztlint/blob/main/rules/src/keyvault/keyvault-rbac-disabled.md');
    assert.deepEqual(rbac.range, { start: { line: 6, character: 29 }, end: { line: 6, character: 34 } });
  });

  it('follows edits through half-typed states; the last version wins', async () => {
    const uri = server.uriOf('vault.bicep');
    await server.client.open(uri, VAULT_BICEP, 'bicep');
    await server.client.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'keyvault-rbac-disabled'));
    // Retype `false` as `true` one keystroke at a time, through `enableRbacAuthorization: ` with no value.
    const at = (character: number) => ({ line: 6, character });
    await server.client.change(uri, [{ range: { start: at(29), end: at(34) }, text: '' }]);
    await server.client.change(uri, [{ range: { start: at(29), end: at(29) }, text: 't' }]);
    await server.client.change(uri, [{ range: { start: at(30), end: at(30) }, text: 'ru' }]);
    const last = await server.client.change(uri, [{ range: { start: at(32), end: at(32) }, text: 'e' }]);
    const published = await server.client.waitForDiagnostics(uri, (p) => p.version === last);
    assert.ok(!published.diagnostics.some((d) => d.code === 'keyvault-rbac-disabled'), JSON.stringify(published.diagnostics));
    assert.ok(!published.diagnostics.some((d) => d.severity === DiagnosticSeverity.Error), 'the final text parses');

    // A broken state on its own is reported as a parse problem, and then fixed again.
    const broken = await server.client.change(uri, [{ range: { start: at(29), end: at(33) }, text: '' }]);
    const parse = await server.client.waitForDiagnostics(uri, (p) => p.version === broken);
    assert.ok(parse.diagnostics.some((d) => d.code === 'bicep-syntax' && d.severity === DiagnosticSeverity.Error), JSON.stringify(parse.diagnostics));
    const fixed = await server.client.change(uri, [{ range: { start: at(29), end: at(29) }, text: 'true' }]);
    await server.client.waitForDiagnostics(uri, (p) => p.version === fixed && !p.diagnostics.some((d) => d.code === 'bicep-syntax'));
    // Debouncing: rapid edits are linted once for the last version, and no older version is published after it.
    const versions = server.client.published.filter((p) => p.uri === uri).map((p) => p.version ?? 0);
    assert.deepEqual(versions, [...versions].sort((a, b) => a - b), `published versions only increase: ${versions.join(', ')}`);
    assert.ok(!versions.includes(2) && !versions.includes(3), `intermediate versions typed within the debounce are skipped: ${versions.join(', ')}`);
  });

  it('lints ARM templates (also as languageId arm-template) and Kubernetes YAML, and leaves other JSON and YAML alone', async () => {
    const arm = server.uriOf('deploy.json');
    await server.client.open(arm, ARM_VAULT, 'arm-template');
    await server.client.waitForDiagnostics(arm, (p) => p.diagnostics.some((d) => d.code === 'keyvault-rbac-disabled'));

    const manifest = server.uriOf('config.yaml');
    await server.client.open(manifest, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  DB: "Server=db;Password=Sup3rSecret!value"\n', 'yaml');
    await server.client.waitForDiagnostics(manifest, (p) => p.diagnostics.length > 0);

    // Not a template, not a manifest: nothing is published for them.
    const settings = server.uriOf('settings.json');
    const compose = server.uriOf('compose.yaml');
    await server.client.open(settings, '{ "editor.tabSize": 2 }', 'json');
    await server.client.open(compose, 'services:\n  web:\n    image: nginx\n', 'yaml');
    const untitled = 'untitled:Untitled-1';
    await server.client.open(untitled, VAULT_BICEP, 'bicep');
    await server.client.waitForDiagnostics(untitled, (p) => p.diagnostics.some((d) => d.code === 'keyvault-rbac-disabled'));
    assert.equal(server.client.latest(settings), undefined);
    assert.equal(server.client.latest(compose), undefined);
  });

  it('survives a huge document', async function () {
    this.timeout(60_000);
    const uri = server.uriOf('huge.bicep');
    const vaults = Array.from({ length: 1500 }, (_, i) => VAULT_BICEP.replace('resource vault', `resource vault${i}`).replace("'kv-orders'", `'kv-${i}'`)).join('\n');
    const started = Date.now();
    await server.client.open(uri, vaults, 'bicep');
    const published = await server.client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0, 50_000);
    const elapsed = Date.now() - started;
    assert.equal(published.diagnostics.filter((d) => d.code === 'keyvault-rbac-disabled').length, 1500);
    process.stdout.write(`      (${(vaults.length / 1e6).toFixed(1)} MB, ${published.diagnostics.length} diagnostics in ${elapsed} ms)\n`);
    // Still responsive afterwards.
    const hover = await server.client.hover(uri, { line: 6, character: 31 });
    assert.ok(hover);
  });
});
