import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeDocument } from 'ztlint/engine/analyze';
import { applyFixes, parseableEditsForFix } from 'ztlint/fix/applyFixes';
import { builtinCatalogue } from 'ztlint/lint/catalogue';
import { lintDocument } from 'ztlint/lint/lintDocument';
import type { Rule } from 'ztlint/lint/ruleApi';
import { tempDir, ztlintIn } from '../cli/helpers';
import { fileUri, LspClient } from '../lsp/lspClient';

const FIXTURES = path.resolve(__dirname, '../../fixtures/custom-rules');

/** The test-only rules with deliberate bugs, loaded as the CLI loads a user's rules. */
const brokenRules = (): readonly Rule[] => (require(path.join(FIXTURES, 'broken-rules.js')) as { rules: Rule[] }).rules;

/** A storage account with two safe built-in fixes (TLS, public blob access), for the broken rules to sit beside. */
const STORAGE_BICEP = `resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'storders'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    minimumTlsVersion: 'TLS1_0'
    allowBlobPublicAccess: true
  }
}
`;

const syntaxErrors = (filePath: string, text: string) => analyzeDocument(filePath, text).diagnostics.filter((d) => d.severity === 'error');

describe('robustness: isolation of rules and fixes', () => {
  const file = '/isolation/storage.bicep';
  const rules = () => [...brokenRules(), ...builtinCatalogue().rules];

  it('a rule that throws is one failure naming it; the other rules report', () => {
    const result = lintDocument(analyzeDocument(file, STORAGE_BICEP), { rules: rules() });
    assert.deepEqual(result.failures.map((f) => f.ruleId), ['team-throws']);
    assert.match(result.failures[0].message, /^Error at (?:Object\.)?check \(.*broken-rules\.js:\d+:\d+\)$/);
    assert.ok(result.findings.some((f) => f.ruleId === 'data-tls-version'), result.findings.map((f) => f.ruleId).join(', '));
  });

  it('a fix that would break the syntax or whose writer throws is not offered; the good fixes still apply', () => {
    const document = analyzeDocument(file, STORAGE_BICEP);
    const findings = lintDocument(document, { rules: rules() }).findings;
    const fixOf = (id: string) => findings.find((f) => f.ruleId === id)!.fix!;
    assert.deepEqual(parseableEditsForFix(document, fixOf('team-fix-breaks-syntax')), { error: 'the fix would leave the file with syntax errors' });
    assert.match((parseableEditsForFix(document, fixOf('team-fix-throws')) as { error: string }).error, /^the fix could not be written: /);
    assert.ok('edits' in parseableEditsForFix(document, fixOf('data-tls-version')));

    const fixed = applyFixes(file, STORAGE_BICEP, (d) => lintDocument(d, { rules: rules() }).findings);
    assert.deepEqual(syntaxErrors(file, fixed.text), []);
    assert.match(fixed.text, /minimumTlsVersion: 'TLS1_2'/);
    assert.ok(fixed.applied >= 1);
  });

  it('CLI: a broken rule is one rule-failure line for its file; other files, rules and --fix go on', () => {
    const dir = tempDir({ 'ztlint.config.json': JSON.stringify({ customRules: ['rules/broken-rules.js'] }), 'a/storage.bicep': STORAGE_BICEP, 'b/storage.bicep': STORAGE_BICEP });
    fs.cpSync(FIXTURES, path.join(dir, 'rules'), { recursive: true });
    const report = ztlintIn(dir, 'a', 'b');
    assert.equal(report.stderr, '');
    assert.notEqual(report.status, 2);
    assert.ok(['a/storage.bicep', 'b/storage.bicep'].every((f) => report.stdout.includes(f)), report.stdout);
    assert.equal(report.stdout.match(/rule team-throws failed: Error at /g)?.length, 2, report.stdout);
    assert.match(report.stdout, /data-tls-version/);

    const fixed = ztlintIn(dir, '--fix', 'a');
    assert.match(fixed.stderr, /^ztlint: applied [1-9]\d* fix(es)? in 1 file$/m);
    const after = fs.readFileSync(path.join(dir, 'a/storage.bicep'), 'utf8');
    assert.deepEqual(syntaxErrors(path.join(dir, 'a/storage.bicep'), after), [], after);
    assert.match(after, /minimumTlsVersion: 'TLS1_2'/);
  });

  it('language server: the breaking and throwing fixes are not offered as code actions; the good ones are', async () => {
    const dir = tempDir({ 'ztlint.config.json': JSON.stringify({ customRules: ['rules/broken-rules.js'] }), 'storage.bicep': STORAGE_BICEP });
    fs.cpSync(FIXTURES, path.join(dir, 'rules'), { recursive: true });
    const client = await LspClient.start(dir, { workspaceTrusted: true });
    try {
      const uri = fileUri(path.join(dir, 'storage.bicep'));
      await client.open(uri, STORAGE_BICEP, 'bicep');
      const published = await client.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'team-fix-breaks-syntax'), 30_000);
      assert.ok(published.diagnostics.some((d) => String(d.message).includes('team-throws failed')), 'the failure is shown as an internal error');
      const titles = (await client.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 10, character: 0 } })).map((a) => a.title);
      assert.ok(!titles.includes('Break the file') && !titles.includes('Throw'), titles.join(' | '));
      assert.ok(titles.some((t) => /TLS/i.test(t)), titles.join(' | '));
    } finally {
      await client.stop();
    }
  });
});
