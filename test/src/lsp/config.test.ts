import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DiagnosticSeverity, FileChangeType, type Diagnostic, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { VAULT_BICEP } from './fixtures';
import { fileUri, LspClient, makeWorkspace } from './lspClient';

const RBAC = 'keyvault-rbac-disabled';
const CONFIG = 'ztlint.config.json';

/** A vault whose RBAC setting comes from a parameter with no default: only strict mode reports it (as info). */
const VAULT_FROM_PARAMETER = `param rbac bool
${VAULT_BICEP.replace('enableRbacAuthorization: false', 'enableRbacAuthorization: rbac')}`;

const config = (settings: object) => `${JSON.stringify(settings, null, 2)}\n`;

const rbacOf = (p: PublishDiagnosticsParams): Diagnostic | undefined => p.diagnostics.find((d) => d.code === RBAC);

const messageOf = (d: Diagnostic): string => (typeof d.message === 'string' ? d.message : d.message.value);

describe('language server: config file', () => {
  let client: LspClient | undefined;
  let workspace: string;
  const uriOf = (name: string) => fileUri(path.join(workspace, name));
  const start = async (files: Record<string, string>, initializationOptions?: object) => {
    workspace = makeWorkspace(files);
    client = await LspClient.start(workspace, initializationOptions);
    return client;
  };
  const scanned = (c: LspClient, count = 1) => c.waitFor(() => (c.progress.filter((p) => p.kind === 'end').length >= count ? true : undefined), 10_000, () => `${count} workspace scans`);
  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });

  it("applies the workspace's config to scanned and open files: severities, exclude, and the nearest config upwards", async () => {
    const c = await start({
      [CONFIG]: config({ rules: { [RBAC]: 'error' }, exclude: ['generated/'] }),
      'infra/vault.bicep': VAULT_BICEP,
      'generated/vault.bicep': VAULT_BICEP,
      'team/ztlint.config.json': config({ rules: { [RBAC]: 'off' } }),
      'team/vault.bicep': VAULT_BICEP,
    });
    const infra = await c.waitForDiagnostics(uriOf('infra/vault.bicep'), (p) => rbacOf(p) !== undefined);
    assert.equal(rbacOf(infra)!.severity, DiagnosticSeverity.Error);
    await scanned(c);
    const team = c.latest(uriOf('team/vault.bicep'));
    assert.ok(team && team.diagnostics.length > 0 && !rbacOf(team), `the nearer config turns the rule off: ${JSON.stringify(team)}`);
    assert.equal(c.latest(uriOf('generated/vault.bicep')), undefined, 'an excluded file is not linted in the scan');

    // Open, an excluded file still shows nothing.
    const generated = uriOf('generated/vault.bicep');
    await c.open(generated, VAULT_BICEP, 'bicep');
    const open = await c.waitForDiagnostics(generated, (p) => p.version === 1);
    assert.deepEqual(open.diagnostics, []);
    assert.equal(await c.hover(generated, { line: 6, character: 31 }), null);
  });

  it('applies strict from the config', async () => {
    const c = await start({ [CONFIG]: config({ strict: true }), 'vault.bicep': VAULT_FROM_PARAMETER });
    const strict = await c.waitForDiagnostics(uriOf('vault.bicep'), (p) => rbacOf(p) !== undefined);
    assert.equal(rbacOf(strict)!.severity, DiagnosticSeverity.Information);
    assert.match(messageOf(rbacOf(strict)!), /^cannot verify/);

    fs.writeFileSync(path.join(workspace, CONFIG), config({ strict: false }));
    await c.filesChanged([{ uri: uriOf(CONFIG), type: FileChangeType.Changed }]);
    await c.waitForDiagnostics(uriOf('vault.bicep'), (p) => p.diagnostics.length > 0 && !rbacOf(p));
  });

  it('reloads the config when it changes on disk, is created or deleted, and re-lints what it excludes', async () => {
    const c = await start({ 'vault.bicep': VAULT_BICEP, 'generated/vault.bicep': VAULT_BICEP });
    const vault = uriOf('vault.bicep');
    const generated = uriOf('generated/vault.bicep');
    await c.waitForDiagnostics(generated, (p) => rbacOf(p)?.severity === DiagnosticSeverity.Warning);

    fs.writeFileSync(path.join(workspace, CONFIG), config({ rules: { [RBAC]: 'info' }, exclude: ['generated'] }));
    await c.filesChanged([{ uri: uriOf(CONFIG), type: FileChangeType.Created }]);
    await c.waitForDiagnostics(vault, (p) => rbacOf(p)?.severity === DiagnosticSeverity.Information);
    await c.waitForDiagnostics(generated, (p) => p.diagnostics.length === 0);

    fs.rmSync(path.join(workspace, CONFIG));
    await c.filesChanged([{ uri: uriOf(CONFIG), type: FileChangeType.Deleted }]);
    await c.waitForDiagnostics(vault, (p) => rbacOf(p)?.severity === DiagnosticSeverity.Warning);
    await c.waitForDiagnostics(generated, (p) => rbacOf(p)?.severity === DiagnosticSeverity.Warning);
  });

  it("uses an open config file's unsaved text, shows its problems on it and keeps linting with the last good config", async () => {
    const saved = config({ rules: { [RBAC]: 'error' } });
    const c = await start({ [CONFIG]: saved, 'vault.bicep': VAULT_BICEP });
    const vault = uriOf('vault.bicep');
    const configUri = uriOf(CONFIG);
    await c.waitForDiagnostics(vault, (p) => rbacOf(p)?.severity === DiagnosticSeverity.Error);
    await scanned(c);

    await c.open(configUri, saved, 'json');
    await c.change(configUri, [{ text: config({ rules: { [RBAC]: 'off' } }) }]);
    await c.waitForDiagnostics(vault, (p) => p.diagnostics.length > 0 && !rbacOf(p));

    // Broken JSON: shown on the config file; the files go on being linted with the last config that parsed.
    await c.change(configUri, [{ text: '{\n  "rules": {\n    "keyvault-rbac-disabled": "error"\n  \n' }]);
    const broken = await c.waitForDiagnostics(configUri, (p) => p.diagnostics.length > 0);
    assert.ok(broken.diagnostics.every((d) => d.code === 'config-invalid' && d.source === 'ztlint' && d.severity === DiagnosticSeverity.Error), JSON.stringify(broken));
    assert.match(messageOf(broken.diagnostics[0]), /invalid JSON/);
    await c.open(vault, VAULT_BICEP, 'bicep');
    const stillOff = await c.waitForDiagnostics(vault, (p) => p.version === 1);
    assert.ok(stillOff.diagnostics.length > 0 && !rbacOf(stillOff), JSON.stringify(stillOff));

    // An unknown rule id and a bad value, each at its line and column.
    const badLine = '    "keyvault-purge-protection-disabled": "loud"';
    await c.change(configUri, [{ text: `{\n  "rules": {\n    "keyvault-rbac-disabld": "off",\n${badLine}\n  }\n}\n` }]);
    const invalid = await c.waitForDiagnostics(configUri, (p) => p.diagnostics.some((d) => messageOf(d).includes('unknown rule')));
    const [unknown, value] = invalid.diagnostics;
    assert.deepEqual(unknown.range.start, { line: 2, character: 4 });
    assert.match(messageOf(unknown), /unknown rule 'keyvault-rbac-disabld' \(did you mean 'keyvault-rbac-disabled'\?\)/);
    assert.deepEqual(value.range.start, { line: 3, character: badLine.indexOf('"loud"') });
    assert.match(messageOf(value), /must be one of/);

    // Fixed: its problems are cleared and the new settings apply.
    await c.change(configUri, [{ text: config({ rules: { [RBAC]: 'info' } }) }]);
    await c.waitForDiagnostics(configUri, (p) => p.diagnostics.length === 0);
    await c.waitForDiagnostics(vault, (p) => rbacOf(p)?.severity === DiagnosticSeverity.Information);

    // Closed without saving: the text on disk counts again.
    await c.close(configUri);
    await c.waitForDiagnostics(vault, (p) => rbacOf(p)?.severity === DiagnosticSeverity.Error);
  });

  it('shows a config file broken from the start, and lints with the defaults', async () => {
    const text = '{ "rules": { "keyvault-rbac-disabled": "off" }, "strict": "yes" }\n';
    const c = await start({ [CONFIG]: text, 'vault.bicep': VAULT_BICEP });
    const broken = await c.waitForDiagnostics(uriOf(CONFIG), (p) => p.diagnostics.length > 0);
    assert.equal(broken.diagnostics[0].code, 'config-invalid');
    assert.deepEqual(broken.diagnostics[0].range.start, { line: 0, character: text.indexOf('"yes"') });
    await c.waitForDiagnostics(uriOf('vault.bicep'), (p) => rbacOf(p)?.severity === DiagnosticSeverity.Warning);
  });

  it('reads the trust flag: an untrusted workspace is told so, and its config still chooses among the built-in rules', async () => {
    const c = await start({ [CONFIG]: config({ rules: { [RBAC]: 'error' } }), 'vault.bicep': VAULT_BICEP }, { workspaceTrusted: false });
    await c.waitForDiagnostics(uriOf('vault.bicep'), (p) => rbacOf(p)?.severity === DiagnosticSeverity.Error);
    assert.ok(c.logMessages.some((m) => m.includes('the workspace is not trusted')), c.logMessages.join('\n'));
    await c.stop();

    const trusted = await start({ 'vault.bicep': VAULT_BICEP }, { workspaceTrusted: true });
    await scanned(trusted);
    assert.ok(!trusted.logMessages.some((m) => m.includes('not trusted')), trusted.logMessages.join('\n'));
  });
});
