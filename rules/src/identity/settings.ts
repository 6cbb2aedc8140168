import type { FixIntent, NewValue } from 'ztlint/fix/intent';
import type { Fix, RuleContext } from 'ztlint/lint/ruleApi';
import type { Lookup } from 'ztlint/model/lookup';
import type { Resource } from 'ztlint/model/template';
import type { ObjectValue } from 'ztlint/model/value';

/** Resources of `type` that the file declares (an `existing` one is configured where it is declared). */
export function declaredResources(context: RuleContext, type: string): Resource[] {
  return context.resources(type).filter((resource) => !resource.existing);
}

/**
 * How a boolean setting stands against the value zero trust wants: as wanted (or not a boolean, which the
 * deployment would reject anyway), unknown, not set, or set the other way. A setting that needs changing carries
 * the intent that changes it, unless an object on its path is null (`aadProfile: enableAad ? {...} : null`),
 * where which text to change is for a person to say.
 */
export type Setting =
  | { readonly state: 'as-wanted' }
  | { readonly state: 'unknown'; readonly lookup: Lookup }
  | { readonly state: 'absent' | 'opposite'; readonly path: string; readonly wanted: boolean; readonly lookup: Lookup; readonly intent?: FixIntent };

export type WrongSetting = Extract<Setting, { state: 'absent' | 'opposite' }>;

/** `path` is below the resource body (`properties.disableLocalAuth`); `absentIsWanted` says what the service's default is. */
export function booleanSetting(context: RuleContext, resource: Resource, path: string, wanted: boolean, absentIsWanted = false): Setting {
  const lookup = context.get(resource, path);
  if (lookup.state === 'unknown') {
    if (lookup.property?.value.kind === 'null') return absentIsWanted ? { state: 'as-wanted' } : { state: 'absent', path, wanted, lookup };
    return { state: 'unknown', lookup };
  }
  if (lookup.state === 'absent') {
    if (absentIsWanted) return { state: 'as-wanted' };
    return { state: 'absent', path, wanted, lookup, intent: { kind: 'add-property', container: lookup.container, path: lookup.missing, value: wanted } };
  }
  const { value } = lookup;
  if (value.kind === 'boolean' && value.value !== wanted) return { state: 'opposite', path, wanted, lookup, intent: { kind: 'replace-value', value, with: wanted } };
  return { state: 'as-wanted' };
}

export function isWrong(setting: Setting): setting is WrongSetting {
  return setting.state === 'absent' || setting.state === 'opposite';
}

/** "`disableLocalAuth` is not set" / "`disableLocalAuth` is false", naming the setting below `properties`. */
export function describeSetting(setting: WrongSetting): string {
  const name = setting.path.replace(/^properties\./, '');
  if (setting.state === 'absent') return `\`${name}\` is not set`;
  return `\`${name}\` is ${String(!setting.wanted)}`;
}

/** Where a finding about these settings points: the first one written the wrong way, else the resource. */
export function settingsPlace(resource: Resource, settings: readonly WrongSetting[]): Resource | Lookup {
  return settings.find((s) => s.state === 'opposite')?.lookup ?? resource;
}

/** The fix that changes these settings, when every one of them can be changed. */
export function settingsFix(title: string, safe: boolean, settings: readonly WrongSetting[]): Fix | undefined {
  const intents = settingIntents(settings);
  return intents && { title, safe, intents };
}

/**
 * The intents that change several settings at once, `undefined` when one cannot be changed. Settings missing
 * below the same absent object are added as that one object (`aadProfile: { managed: true, enableAzureRBAC: true }`):
 * two insertions would each create it.
 */
function settingIntents(settings: readonly WrongSetting[]): FixIntent[] | undefined {
  const intents: FixIntent[] = [];
  const groups = new Map<ObjectValue, Map<string, { path: readonly string[]; value: NewValue }[]>>();
  for (const setting of settings) {
    const { intent } = setting;
    if (!intent) return undefined;
    if (intent.kind !== 'add-property' || intent.path.length < 2) {
      intents.push(intent);
      continue;
    }
    const byKey = groups.get(intent.container) ?? new Map<string, { path: readonly string[]; value: NewValue }[]>();
    groups.set(intent.container, byKey);
    const [first] = intent.path;
    byKey.set(first, [...(byKey.get(first) ?? []), { path: intent.path, value: intent.value }]);
  }
  for (const [container, byKey] of groups) {
    for (const [first, additions] of byKey) {
      if (additions.length === 1) {
        intents.push({ kind: 'add-property', container, path: additions[0].path, value: additions[0].value });
        continue;
      }
      const object: Record<string, NewValue> = {};
      for (const { path, value } of additions) setIn(object, path.slice(1), value);
      intents.push({ kind: 'add-property', container, path: [first], value: object });
    }
  }
  return intents;
}

function setIn(object: Record<string, NewValue>, path: readonly string[], value: NewValue): void {
  const [key, ...rest] = path;
  if (rest.length === 0) {
    object[key] = value;
    return;
  }
  const inner = (object[key] ??= {}) as Record<string, NewValue>;
  setIn(inner, rest, value);
}
