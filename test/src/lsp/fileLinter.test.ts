import * as assert from 'node:assert/strict';
import { DEFAULT_CONFIG } from 'ztlint/config/config';
import { builtinCatalogue, type Catalogue } from 'ztlint/lint/catalogue';
import { collectFacts } from 'ztlint/lint/collectFacts';
import type { Rule } from 'ztlint/lint/ruleApi';
import { diagnosticsOf, INTERNAL_ERROR } from 'ztlint/lsp/diagnostics';
import { FileLinter } from 'ztlint/lsp/fileLinter';
import { WorkspaceIndex } from 'ztlint/lsp/workspaceIndex';
import { VAULT_BICEP } from './fixtures';

const brokenRule: Rule = {
  id: 'broken-rule',
  title: 'A rule with a bug',
  severity: 'error',
  area: 'keyvault',
  principle: 'verify-explicitly',
  targets: ['template'],
  fixable: false,
  check() {
    throw new Error('boom');
  },
};

/** A rule the engine itself trips over (outside the rule's own `check`). */
const brokenEngine = {
  ...brokenRule,
  id: 'broken-engine',
  get targets(): Rule['targets'] {
    throw new Error('bad rule metadata');
  },
};

function catalogueWith(rules: readonly Rule[]): Catalogue {
  return { ...builtinCatalogue(), rules };
}

describe('language server: internal errors', () => {
  it('reports a rule that throws as an internal-error diagnostic, logs it once, and keeps the other findings', () => {
    const catalogue = catalogueWith([brokenRule, ...builtinCatalogue().rules]);
    const index = new WorkspaceIndex((document) => collectFacts(document, catalogue.rules));
    const logged: string[] = [];
    const linter = new FileLinter(index, catalogue, () => DEFAULT_CONFIG, (message) => logged.push(message));
    const { after: file } = index.putOpen('/ws/vault.bicep', 'file:///ws/vault.bicep', VAULT_BICEP, 1);
    const lint = linter.lint(file);
    // The error's class and where it was thrown: its message may quote the file.
    assert.equal(lint.internalErrors.length, 1);
    assert.match(lint.internalErrors[0], /^rule broken-rule failed: Error at (?:Object\.)?check \(.*fileLinter\.test\.js:\d+:\d+\)$/);
    const diagnostics = diagnosticsOf(file, lint, index, catalogue);
    assert.ok(diagnostics.some((d) => d.code === INTERNAL_ERROR && String(d.message).includes(lint.internalErrors[0])));
    assert.ok(diagnostics.some((d) => d.code === 'keyvault-rbac-disabled'), 'the other rules still ran');

    const { after: edited } = index.putOpen('/ws/vault.bicep', 'file:///ws/vault.bicep', `${VAULT_BICEP}\n`, 2);
    assert.equal(linter.lint(edited).internalErrors.length, 1);
    assert.equal(logged.length, 1, 'a failure repeated on every edit is logged once');
  });

  it('survives the engine throwing while linting a file', () => {
    const catalogue = catalogueWith([brokenEngine]);
    const index = new WorkspaceIndex((document) => collectFacts(document, catalogue.rules));
    const logged: string[] = [];
    const linter = new FileLinter(index, catalogue, () => DEFAULT_CONFIG, (message) => logged.push(message));
    const { after: file } = index.putOpen('/ws/vault.bicep', 'file:///ws/vault.bicep', VAULT_BICEP, 1);
    const lint = linter.lint(file);
    assert.deepEqual(lint.findings, []);
    assert.match(lint.internalErrors[0], /^linting failed: Error at .*fileLinter\.test\.js:\d+:\d+\)$/);
    assert.match(logged[0], /linting failed: Error at .*\n {4}at /, 'the log has the frames below the top one');
    assert.doesNotMatch(logged[0], /bad rule metadata/);
  });

  it('reports workspace facts that cannot be collected as an internal error of the file they were collected on', () => {
    const brokenFacts: Rule = { ...brokenRule, id: 'broken-facts', check() {}, workspaceFacts: [{ name: 'broken/facts', collect: () => { throw new Error('no facts'); } }] };
    const catalogue = catalogueWith([brokenFacts, ...builtinCatalogue().rules]);
    const index = new WorkspaceIndex((document) => collectFacts(document, catalogue.rules));
    const linter = new FileLinter(index, catalogue, () => DEFAULT_CONFIG, () => undefined);
    const { after: file } = index.putOpen('/ws/vault.bicep', 'file:///ws/vault.bicep', VAULT_BICEP, 1);
    const lint = linter.lint(file);
    assert.equal(lint.internalErrors.length, 1);
    assert.match(lint.internalErrors[0], /^rule broken-facts failed: Error at (?:Object\.)?collect \(.*fileLinter\.test\.js:\d+:\d+\)$/);
    assert.ok(lint.findings.some((f) => f.ruleId === 'keyvault-rbac-disabled'), 'the rules still ran');
  });
});
