import type { Rule, RuleContext } from 'ztlint/lint/ruleApi';
import type { Resource } from 'ztlint/model/template';
import { LOCAL_AUTH_SERVICES, type LocalAuthService } from './localAuthServices';
import { booleanSetting, declaredResources, describeSetting, isWrong, settingsFix, settingsPlace, type Setting } from './settings';

export const identityLocalAuthEnabled: Rule = {
  id: 'identity-local-auth-enabled',
  title: 'Service accepts keys or passwords besides Entra ID',
  severity: 'warning',
  area: 'identity',
  principle: 'verify-explicitly',
  targets: ['template'],
  fixable: true,
  check(context) {
    for (const service of LOCAL_AUTH_SERVICES) {
      for (const resource of declaredResources(context, service.type)) {
        if (service.withoutEntraAuth?.(context, resource)) continue;
        const judged = judgedSetting(context, service, resource);
        if (!judged) continue;
        const { setting, owner } = judged;
        const label = `${service.what} ${context.label(resource)}`;
        if (setting.state === 'unknown') context.cannotVerify(setting.lookup, `whether ${label} accepts ${service.credentials}`);
        if (!isWrong(setting)) continue;
        const defaults = setting.state === 'absent' ? `, and it defaults to ${String(!service.off)}` : '';
        const key = setting.path.split('.').pop();
        const writable = !(service.fixNeedsParent && setting.lookup.state === 'absent' && setting.lookup.missing.length > 1);
        context.report({
          message: `${label} accepts ${service.credentials} besides Entra ID: ${describeSetting(setting)}${defaults}`,
          at: settingsPlace(owner, [setting]),
          // Whatever still signs in with the keys or passwords stops working: a person checks first.
          fix: writable ? settingsFix(`Set ${key} to ${String(service.off)}`, false, [setting]) : undefined,
        });
      }
    }
  },
};

/**
 * The setting that decides: a child resource that sets it (SQL's `azureADOnlyAuthentications`) wins over the
 * resource's own. `undefined` when a child whose parent cannot be told may set it.
 */
function judgedSetting(context: RuleContext, service: LocalAuthService, resource: Resource): { setting: Setting; owner: Resource } | undefined {
  const child = service.child;
  if (child) {
    const owned = declaredResources(context, child.type).map((c) => ({ resource: c, owned: owns(context, resource, c) }));
    const mine = owned.filter((c) => c.owned === true);
    if (mine.length > 0) {
      const last = mine[mine.length - 1].resource;
      return { setting: booleanSetting(context, last, child.path, service.off), owner: last };
    }
    if (owned.some((c) => c.owned === undefined)) return undefined;
  }
  return { setting: booleanSetting(context, resource, service.path, service.off, !service.onByDefault), owner: resource };
}

/** Whether `child` belongs to `parent`: by declaration, else by name; `undefined` when a name is not known. */
function owns(context: RuleContext, parent: Resource, child: Resource): boolean | undefined {
  if (child.parent) return child.parent === parent;
  const childName = context.evaluate(child.fullName, child.template);
  const parentName = context.evaluate(parent.fullName, parent.template);
  if (childName.kind !== 'string' || parentName.kind !== 'string') return undefined;
  return childName.value.toLowerCase().startsWith(`${parentName.value.toLowerCase()}/`);
}
