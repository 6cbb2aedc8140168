import type { NewValue } from 'ztlint/fix/intent';
import type { RuleContext } from 'ztlint/lint/ruleApi';
import type { Resource } from 'ztlint/model/template';
import type { KnownValue } from 'ztlint/model/value';

/**
 * One security setting of one resource type: where it is, which values are weak, what a missing value means,
 * and what the fix writes. The TLS and HTTPS rules are tables of these.
 */
export interface Setting {
  readonly type: string;
  /** how messages name the resource: "Storage account" */
  readonly service: string;
  readonly path: string;
  readonly weak: (value: KnownValue) => boolean;
  /** the value the fix writes */
  readonly secure: NewValue;
  /**
   * What Azure uses when the property is not set, when that is weak: "it defaults to TLS 1.0". A function
   * when it depends on the API version; undefined when the default is secure.
   */
  readonly weakDefault?: string | ((context: RuleContext, resource: Resource) => string | undefined);
  /**
   * The API version from which the fix can write the property; before it, the finding asks for a newer API
   * version and carries no fix.
   */
  readonly since?: string;
  /** whether the fix can be applied without a person looking (see `Fix.safe`) */
  readonly safe: boolean;
  /** resources the setting does not concern: a site's `config` child other than `web`, an NFS account */
  readonly skip?: (context: RuleContext, resource: Resource) => boolean;
}

/** Weak when the value is one of these (strings case-insensitively; numbers as written in ARM: 1 is '1.0'). */
export function oneOf(...weak: (string | boolean)[]): (value: KnownValue) => boolean {
  const lowered = weak.map((w) => (typeof w === 'string' ? w.toLowerCase() : w));
  return (value) => {
    if (value.kind === 'boolean') return lowered.includes(value.value);
    const text = value.kind === 'string' ? value.value : value.kind === 'number' ? (Number.isInteger(value.value) ? value.value.toFixed(1) : String(value.value)) : undefined;
    return text !== undefined && lowered.includes(text.toLowerCase());
  };
}

/** A weak default that applies before `version` of the API only (a resource without one is not judged). */
export function before(version: string, note: string): (context: RuleContext, resource: Resource) => string | undefined {
  return (context, resource) => (resource.apiVersion === undefined || context.apiVersionAtLeast(resource, version) ? undefined : `${note} before API version ${version}`);
}

function show(value: NewValue): string {
  return typeof value === 'string' ? `'${value}'` : String(value);
}

function shown(value: KnownValue): string {
  switch (value.kind) {
    case 'string':
      return `'${value.value}'`;
    case 'number':
    case 'boolean':
      return String(value.value);
    default:
      return value.kind;
  }
}

/**
 * Checks every resource of the settings' types: reports a weak value (where it is written, however far
 * through parameters and variables) or a missing one whose default is weak, with a fix setting the secure
 * value. `problem` says what the weakness allows: "accepts TLS versions below 1.2".
 */
export function checkSettings(context: RuleContext, settings: readonly Setting[], problem: string): void {
  for (const setting of settings) {
    for (const resource of context.resources(setting.type)) {
      if (resource.existing || setting.skip?.(context, resource)) continue;
      const found = context.get(resource, setting.path);
      const key = setting.path.slice(setting.path.lastIndexOf('.') + 1);
      const tooOld = setting.since !== undefined && resource.apiVersion !== undefined && !context.apiVersionAtLeast(resource, setting.since);
      const todo = `${tooOld ? `use API version ${setting.since} or later and ` : ''}set \`${key}\` to ${show(setting.secure)}`;
      const subject = `${setting.service} ${context.label(resource)} ${problem} (${todo})`;
      const title = `Set ${key} to ${show(setting.secure)}`;
      if (found.state === 'unknown') {
        context.cannotVerify(found, `the \`${key}\` of ${setting.service} ${context.label(resource)}`);
      } else if (found.state === 'absent') {
        const weakDefault = typeof setting.weakDefault === 'function' ? setting.weakDefault(context, resource) : setting.weakDefault;
        if (weakDefault === undefined) continue;
        context.report({
          message: `${subject}: \`${key}\` is not set, and ${weakDefault}`,
          at: resource,
          ...(tooOld ? {} : { fix: { title, safe: setting.safe, intents: [{ kind: 'add-property', container: found.container, path: found.missing, value: setting.secure }] } }),
        });
      } else if (setting.weak(found.value)) {
        context.report({
          message: `${subject}: \`${key}\` is ${shown(found.value)}`,
          at: found,
          fix: { title, safe: setting.safe, intents: [{ kind: 'replace-value', value: found.value, with: setting.secure }] },
        });
      }
    }
  }
}
