import type { FixIntent, NewObject, NewValue } from 'ztlint/fix/intent';
import { otherFiles, type FactContext, type Fix, type Related, type Rule, type RuleContext, type WorkspaceFacts } from 'ztlint/lint/ruleApi';
import { lookup, type Lookup } from 'ztlint/model/lookup';
import type { Resource } from 'ztlint/model/template';
import type { Range } from 'ztlint/text/range';
import { declaredExtensions, extensions, mayApplyTo, targetFact, targetOf, type Target, type TargetFact } from '../keyvault/scope';
import { declaredVaults, freeSymbol } from '../keyvault/vaults';

const DIAGNOSTIC_SETTINGS_TYPE = 'Microsoft.Insights/diagnosticSettings';
const DIAGNOSTIC_SETTINGS_API_VERSION = '2021-05-01-preview';
/** category groups (`audit`, `allLogs`) exist from API version 2021-05-01-preview on */
const CATEGORY_GROUPS_SINCE = '2021-05-01';
const WORKSPACE_TYPE = 'Microsoft.OperationalInsights/workspaces';
const WORKSPACE_PARAMETER = 'logAnalyticsWorkspaceId';
const AUDIT_CATEGORY = 'auditevent';
const AUDIT_GROUPS = new Set(['audit', 'alllogs']);
const WHY = 'so that every read of its secrets, keys and certificates is recorded';

/** Whether a diagnostic setting sends the audit logs; when it does not, what would make it. */
type Audit = { readonly state: 'on' } | { readonly state: 'unknown'; readonly lookup: Lookup } | { readonly state: 'off'; readonly at: Resource | Lookup; readonly intent: FixIntent };

/**
 * A diagnostic setting of another file that may be a vault's, as the rule needs it. Of an audit it cannot know,
 * why (a fact points at no value of this file), when strict mode would say so.
 */
type SettingFact = {
  readonly at: Range;
  readonly target: TargetFact;
  readonly audit: { readonly state: 'on' | 'off' } | { readonly state: 'unknown'; readonly reason: string | null };
};

const diagnosticSettingFacts: WorkspaceFacts<SettingFact> = {
  name: 'monitoring/vault-diagnostic-settings',
  collect: (context) =>
    declaredExtensions(context, DIAGNOSTIC_SETTINGS_TYPE).flatMap((resource) => {
      const target = targetFact(context, targetOf(context, resource));
      if (!target) return [];
      const audit = auditOf(context, resource);
      const value = audit.state === 'unknown' && audit.lookup.state !== 'absent' ? audit.lookup.value : undefined;
      const fact = audit.state === 'unknown' ? { state: audit.state, reason: value?.kind === 'unknown' ? value.reason : null } : { state: audit.state };
      return [{ at: context.rangeOf(resource), target, audit: fact }];
    }),
};

export const monitoringKeyvaultAuditLogs: Rule = {
  id: 'monitoring-keyvault-audit-logs',
  title: 'Key Vault audit logs are not collected',
  severity: 'warning',
  area: 'monitoring',
  principle: 'assume-breach',
  targets: ['template'],
  fixable: true,
  workspaceFacts: [diagnosticSettingFacts],
  check(context) {
    const vaults = declaredVaults(context);
    if (vaults.length === 0) return;
    const settings = extensions(context, DIAGNOSTIC_SETTINGS_TYPE).map((resource) => ({ resource, target: targetOf(context, resource) }));
    const elsewhere = otherFiles(context, diagnosticSettingFacts);
    for (const vault of vaults) {
      const label = context.label(vault);
      // A setting whose scope is unknown may be this vault's: only a vault that surely has none is reported.
      const mayBeVaults = (target: Target | TargetFact) => target.kind === 'unknown' || mayApplyTo(context, target, vault);
      const audits = settings.filter(({ target }) => mayBeVaults(target)).map(({ resource }) => auditOf(context, resource));
      const others = elsewhere.filter(({ fact }) => mayBeVaults(fact.target));
      if (audits.some((audit) => audit.state === 'on') || others.some(({ fact }) => fact.audit.state === 'on')) continue;
      const what = `whether Key Vault ${label} records its audit logs`;
      const unknown = audits.find((audit) => audit.state === 'unknown');
      if (unknown?.state === 'unknown') {
        context.cannotVerify(unknown.lookup, what);
        continue;
      }
      const unknownElsewhere = others.find(({ fact }) => fact.audit.state === 'unknown')?.fact.audit;
      if (unknownElsewhere?.state === 'unknown') {
        // Said on the vault: the value that cannot be known is in another file.
        if (unknownElsewhere.reason !== null) context.cannotVerify({ kind: 'unknown', reason: unknownElsewhere.reason, range: vault.typeRange, via: [] }, what);
        continue;
      }
      if (audits.length === 0 && others.length === 0) {
        const fix = addDiagnosticSetting(context, vault);
        context.report({
          message: `Key Vault ${label} has no diagnostic setting for its audit logs: send the \`audit\` category group (or the \`AuditEvent\` category) to a Log Analytics workspace, ${WHY}`,
          at: vault,
          ...(fix ? { fix } : {}),
        });
        continue;
      }
      const [off] = audits as Extract<Audit, { state: 'off' }>[];
      const related: Related[] = others.map(({ fact, file }) => ({ message: 'a diagnostic setting of the vault without its audit logs', at: fact.at, file }));
      context.report({
        message: `The diagnostic settings of Key Vault ${label} leave out its audit logs: enable the \`audit\` category group (or the \`AuditEvent\` category), ${WHY}`,
        at: off ? off.at : vault,
        ...(related.length > 0 ? { related } : {}),
        ...(off ? { fix: { title: 'Enable the audit logs in the diagnostic setting', safe: true, intents: [off.intent] } } : {}),
      });
    }
  },
};

function auditOf(context: FactContext, resource: Resource): Audit {
  const logs = context.get(resource, 'properties.logs');
  if (logs.state === 'unknown') return { state: 'unknown', lookup: logs };
  if (logs.state === 'absent') return { state: 'off', at: resource, intent: { kind: 'add-property', container: logs.container, path: logs.missing, value: [auditEntry(context, resource, logs)] } };
  if (logs.value.kind !== 'array') return { state: 'unknown', lookup: logs };
  let disabled: Extract<Lookup, { state: 'known' }> | undefined;
  for (const item of logs.value.items) {
    const category = lookup(item, 'category');
    const group = lookup(item, 'categoryGroup');
    const names = [category, group].flatMap((l) => (l.state === 'known' && l.value.kind === 'string' ? [l.value.value.toLowerCase()] : []));
    if (names.length === 0) {
      const unknown = [category, group].find((l) => l.state === 'unknown');
      if (unknown) return { state: 'unknown', lookup: unknown };
      continue;
    }
    if (!names.some((name) => name === AUDIT_CATEGORY || AUDIT_GROUPS.has(name))) continue;
    const enabled = lookup(item, 'enabled');
    if (enabled.state === 'unknown') return { state: 'unknown', lookup: enabled };
    if (enabled.state === 'known' && enabled.value.kind === 'boolean' && enabled.value.value) return { state: 'on' };
    if (enabled.state === 'known') disabled ??= enabled;
  }
  if (logs.value.incomplete) return { state: 'unknown', lookup: logs };
  const intent: FixIntent = disabled ? { kind: 'replace-value', value: disabled.value, with: true } : { kind: 'add-item', array: logs.value, item: auditEntry(context, resource, logs) };
  return { state: 'off', at: disabled ?? logs, intent };
}

/** `{ categoryGroup: 'audit', enabled: true }`, or the `AuditEvent` category where the setting names categories. */
function auditEntry(context: FactContext, setting: Resource, logs: Lookup): NewObject {
  const items = logs.state === 'known' && logs.value.kind === 'array' ? logs.value.items : [];
  const namesCategories = items.some((item) => lookup(item, 'category').state === 'known');
  const groups = !namesCategories && context.apiVersionAtLeast(setting, CATEGORY_GROUPS_SINCE);
  return groups ? { categoryGroup: 'audit', enabled: true } : { category: 'AuditEvent', enabled: true };
}

/** A diagnostic setting on the vault sending its audit logs to the template's workspace, or to one given as a parameter. */
function addDiagnosticSetting(context: RuleContext, vault: Resource): Fix | undefined {
  const { template } = vault;
  const workspace = context.resources(WORKSPACE_TYPE).find((w) => w.template === template && !w.loop);
  if (vault.loop || (template.parentDeployment && !workspace)) return undefined;
  const intents: FixIntent[] = [];
  if (!workspace && !template.parameters.some((p) => p.name.toLowerCase() === WORKSPACE_PARAMETER.toLowerCase())) {
    intents.push({ kind: 'add-parameter', template, name: WORKSPACE_PARAMETER, type: 'string', secure: false, description: 'Resource id of the Log Analytics workspace that keeps the Key Vault audit logs' });
  }
  const dependsOn: NewValue[] = [context.values.resource(vault), ...(workspace && !workspace.existing ? [context.values.resource(workspace)] : [])];
  intents.push({
    kind: 'add-resource',
    template,
    symbolicName: freeSymbol(vault, `${vault.symbolicName ?? 'vault'}AuditLogs`),
    type: DIAGNOSTIC_SETTINGS_TYPE,
    apiVersion: DIAGNOSTIC_SETTINGS_API_VERSION,
    body: {
      name: 'audit-logs',
      scope: context.values.resource(vault),
      // Bicep infers the order from the references; ARM has to be told.
      ...(template.language === 'arm' ? { dependsOn } : {}),
      properties: {
        workspaceId: workspace ? context.values.resourceId(workspace) : context.values.parameter(WORKSPACE_PARAMETER),
        logs: [{ categoryGroup: 'audit', enabled: true }],
      },
    },
  });
  return { title: `Send the audit logs of ${context.label(vault)} to a Log Analytics workspace`, safe: false, intents };
}
