import * as assert from 'node:assert/strict';
import { renderSnapshot } from 'ztlint/azure/posture/render';
import { parseResourceId } from 'ztlint/azure/posture/resourceId';
import { analyzeDocument } from 'ztlint/engine/analyze';
import { Evaluator } from 'ztlint/evaluate/evaluator';
import { toJson } from 'ztlint/model/value';
import * as s from './fixtures-posture/snapshots';

describe('rendering a deployed snapshot as a template', () => {
  it('reads full types, composed names and the resource an extension applies to from ids', () => {
    assert.deepEqual(parseResourceId(`${s.GROUP}/providers/Microsoft.Web/sites/app-orders/config/web`), { type: 'Microsoft.Web/sites/config', fullName: 'app-orders/web' });
    assert.deepEqual(parseResourceId(`${s.vaultId('kv-orders')}/providers/Microsoft.Insights/diagnosticSettings/audit`), {
      type: 'Microsoft.Insights/diagnosticSettings',
      fullName: 'audit',
      scope: s.vaultId('kv-orders'),
    });
    assert.equal(parseResourceId(s.GROUP), undefined);
  });

  it('loads as an ARM template whose resources are the deployed ones, their values unchanged', () => {
    const app = { ...s.webApp('app-orders'), tags: { owner: '[not an expression]' } };
    const snapshot = s.snapshotOf({ resources: [app, s.auditSetting('kv-orders')], roleAssignments: [s.assignment('grant', s.SUBSCRIPTION, s.ROLE_IDS.reader, s.USER_PRINCIPAL, 'User')] });
    const rendered = renderSnapshot(snapshot);
    const document = analyzeDocument('deployed.json', rendered.text);
    assert.deepEqual(document.diagnostics, []);
    const resources = document.template!.resources;
    assert.deepEqual(resources.map((r) => r.type), ['Microsoft.Web/sites', 'Microsoft.Insights/diagnosticSettings', 'Microsoft.Authorization/roleAssignments', 'Microsoft.Authorization/roleDefinitions']);
    const evaluator = new Evaluator();
    const body = toJson(evaluator.resourceBody(resources[0])) as Record<string, unknown>;
    assert.deepEqual(body.tags, { owner: '[not an expression]' });
    assert.deepEqual(body.identity, app.identity);
    assert.equal((toJson(evaluator.resourceBody(resources[1])) as Record<string, unknown>).scope, s.vaultId('kv-orders'));
    assert.deepEqual(rendered.resources.map((r) => rendered.text.slice(r.start, r.end).startsWith('{"type":')), [true, true, true, true]);
    assert.deepEqual(rendered.resources.map((r) => r.resourceId), [app.id, `${s.vaultId('kv-orders')}/providers/Microsoft.Insights/diagnosticSettings/audit`, snapshot.roleAssignments[0].id, s.roleDefinitionId(s.ROLE_IDS.reader)]);
  });
});
