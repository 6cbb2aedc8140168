import { equalsIgnoringCase, type RuleContext } from 'ztlint/lint/ruleApi';
import type { Expr } from 'ztlint/model/expr';
import type { Resource } from 'ztlint/model/template';
import type { StringValue, UnknownValue, Value } from 'ztlint/model/value';
import { resourceIdArguments } from './resourceIdCalls';
import { VAULT_TYPE, isVault } from './vaults';

/** An extension resource (a role assignment, a diagnostic setting), with its file when it is not the linted one. */
export interface Extension {
  readonly resource: Resource;
  readonly file?: string;
}

/** What an extension resource applies to, as far as the templates tell. */
export type Target =
  /** a vault declared in a template (existing or not), or something inside it */
  | { readonly kind: 'vault'; readonly vault: Resource }
  /** a vault named in an id (`Microsoft.KeyVault/vaults/kv-orders`); the name may be unknown */
  | { readonly kind: 'vault-name'; readonly name: Value }
  /** a resource group or subscription: everything in it; `id` when it is written out (a deployed assignment's scope) */
  | { readonly kind: 'container'; readonly id?: string }
  | { readonly kind: 'unknown'; readonly value: UnknownValue }
  | { readonly kind: 'other' };

const CONTAINER_FUNCTIONS = new Set(['resourcegroup', 'subscription', 'managementgroup', 'tenant']);
const VAULT_IN_ID = /(?:^|\/)microsoft\.keyvault\/vaults\/([^/]*)/i;
/** stands for an unknown part of an id while it is matched as text */
const UNKNOWN_PART = '\u0000';

/**
 * The extension resources of `type` (`Microsoft.Authorization/roleAssignments`) in this file and the workspace,
 * with the old form written as a child of a vault (`Microsoft.KeyVault/vaults/providers/roleAssignments`).
 */
export function extensions(context: RuleContext, type: string, withWorkspace: boolean): Extension[] {
  const childType = `${VAULT_TYPE}/providers/${type.slice(type.lastIndexOf('/') + 1)}`;
  // The model keeps an ARM child's `providers/roleAssignments` type as written, below its parent.
  const relativeType = `providers/${type.slice(type.lastIndexOf('/') + 1)}`;
  const matches = (resource: Resource) =>
    equalsIgnoringCase(resource.type, type) ||
    equalsIgnoringCase(resource.type, childType) ||
    (equalsIgnoringCase(resource.type, relativeType) && resource.parent !== undefined && isVault(resource.parent));
  const own = [...context.resources(type), ...context.resources(childType), ...context.resources(relativeType).filter(matches)].map((resource) => ({ resource }));
  if (!withWorkspace) return own;
  const others = context.workspace.resources(type, childType, relativeType).flatMap(({ resource, file }) => (matches(resource) ? [{ resource, file }] : []));
  return [...own, ...others];
}

/**
 * The targets of other files' extensions. Another file is evaluated with its own defaults whichever file is
 * being linted, so each target is worked out once: a scan asks again for every file with a vault.
 */
const workspaceTargets = new WeakMap<Resource, Target>();

export function targetOf(context: RuleContext, extension: Resource): Target {
  if (context.templates.includes(extension.template)) return findTarget(context, extension);
  let target = workspaceTargets.get(extension);
  if (!target) workspaceTargets.set(extension, (target = findTarget(context, extension)));
  return target;
}

function findTarget(context: RuleContext, extension: Resource): Target {
  if (extension.parent && isVault(extension.parent)) return { kind: 'vault', vault: extension.parent };
  if (extension.type.toLowerCase().startsWith(`${VAULT_TYPE.toLowerCase()}/providers/`)) {
    return { kind: 'vault-name', name: firstSegment(context.evaluate(extension.fullName, extension.template)) };
  }
  const scope = context.get(extension, 'scope');
  if (scope.state === 'absent') return { kind: 'container' };
  const { value } = scope;
  switch (value.kind) {
    case 'resource':
      return ofResource(context, value.resource);
    case 'string':
      return ofId(value.value, value);
    case 'unknown':
      return ofUnknown(context, value, extension);
    default:
      return { kind: 'other' };
  }
}

/**
 * Whether an extension with this target may apply to `vault`. A vault reached through its declaration is that
 * vault; one reached by name is when the names agree, or when either is unknown (a module's `existing` vault
 * named by a parameter is most likely the vault its caller declares). `unknown` targets are left to the caller.
 */
export function mayApplyTo(context: RuleContext, target: Target, vault: Resource): boolean {
  const vaultName = context.evaluate(vault.fullName, vault.template);
  switch (target.kind) {
    case 'vault': {
      if (target.vault === vault) return true;
      // Another declaration of the same vault (a Bicep file and its compiled JSON) is that vault only by name.
      const name = nameOf(context, target.vault);
      return sameName(name, vaultName, !target.vault.existing);
    }
    case 'vault-name':
      return sameName(target.name, vaultName);
    default:
      return false;
  }
}

/** The names of other files' vaults, evaluated once, as their targets are: each file with a vault asks. */
const workspaceNames = new WeakMap<Resource, Value>();

function nameOf(context: RuleContext, vault: Resource): Value {
  if (context.templates.includes(vault.template)) return context.evaluate(vault.fullName, vault.template);
  let name = workspaceNames.get(vault);
  if (!name) workspaceNames.set(vault, (name = context.evaluate(vault.fullName, vault.template)));
  return name;
}

/**
 * Whether a resource group or subscription holds the vault: when both ids are known (deployed resources carry
 * theirs), by the ids; otherwise it may.
 */
export function containerHolds(context: RuleContext, target: Extract<Target, { kind: 'container' }>, vault: Resource): boolean {
  const vaultId = context.get(vault, 'id');
  if (target.id === undefined || vaultId.state !== 'known' || vaultId.value.kind !== 'string') return true;
  return vaultId.value.value.toLowerCase().startsWith(`${target.id.toLowerCase()}/`);
}

/** How a message names a target vault. */
export function describeTarget(context: RuleContext, target: Extract<Target, { kind: 'vault' | 'vault-name' }>): string {
  if (target.kind === 'vault') return `Key Vault ${context.label(target.vault)}`;
  return target.name.kind === 'string' && target.name.value !== '' ? `Key Vault '${target.name.value}'` : 'a Key Vault';
}

function sameName(a: Value, b: Value, onlyWhenKnown = false): boolean {
  if (a.kind === 'string' && b.kind === 'string') return a.value.toLowerCase() === b.value.toLowerCase();
  return !onlyWhenKnown;
}

/** A vault's child (`vault/secret`) is inside the vault; its name's first segment names it. */
function ofResource(context: RuleContext, resource: Resource): Target {
  for (let r: Resource | undefined = resource; r; r = r.parent) if (isVault(r)) return { kind: 'vault', vault: r };
  if (resource.type.toLowerCase().startsWith(`${VAULT_TYPE.toLowerCase()}/`)) {
    return { kind: 'vault-name', name: firstSegment(context.evaluate(resource.fullName, resource.template)) };
  }
  return { kind: 'other' };
}

/** `/subscriptions/…/providers/Microsoft.KeyVault/vaults/kv`, or ARM's `Microsoft.KeyVault/vaults/kv` scope form. */
function ofId(id: string, at: StringValue): Target {
  const match = VAULT_IN_ID.exec(id);
  if (match) return { kind: 'vault-name', name: { ...at, value: match[1], literal: false } };
  if (/^\/subscriptions\/[^/]+(\/resourceGroups\/[^/]+)?\/?$/i.test(id)) return { kind: 'container', id: id.replace(/\/$/, '') };
  return /^\/providers\/Microsoft\.Management\//i.test(id) ? { kind: 'container' } : { kind: 'other' };
}

function ofUnknown(context: RuleContext, value: UnknownValue, extension: Resource): Target {
  if (value.fragments) {
    const text = value.fragments.map((f) => (f.kind === 'string' ? f.value : UNKNOWN_PART)).join('');
    const match = VAULT_IN_ID.exec(text);
    if (match) {
      const name = match[1];
      return { kind: 'vault-name', name: name.includes(UNKNOWN_PART) || name === '' ? value : { kind: 'string', value: name, literal: false, range: value.range, via: value.via } };
    }
    return /\/providers\//i.test(text) || /^microsoft\./i.test(text) ? { kind: 'other' } : { kind: 'unknown', value };
  }
  if (CONTAINER_FUNCTIONS.has(value.runtimeFunction?.toLowerCase() ?? '')) return { kind: 'container' };
  const call = resourceIdArguments(context, value, extension.template);
  if (call) {
    if (!call.type.toLowerCase().startsWith(VAULT_TYPE.toLowerCase())) return { kind: 'other' };
    return { kind: 'vault-name', name: call.names[0] ?? value };
  }
  // `vaults[i]`: an element of a looped vault cannot be evaluated, but it is still that vault
  for (let e = scopeExpression(extension); e?.kind === 'index' || e?.kind === 'member'; e = e.object) {
    const looped = context.evaluate(e.object, extension.template);
    if (looped.kind === 'resource') return ofResource(context, looped.resource);
  }
  return { kind: 'unknown', value };
}

function scopeExpression(resource: Resource): Expr | undefined {
  const entry = resource.body.entries.find((e) => e.kind === 'property' && e.key?.toLowerCase() === 'scope');
  return entry?.value;
}

function firstSegment(name: Value): Value {
  if (name.kind === 'string') return { ...name, value: name.value.split('/')[0], literal: false };
  const first = name.kind === 'unknown' ? name.fragments?.[0] : undefined;
  if (first?.kind === 'string' && first.value.includes('/')) return { ...first, value: first.value.split('/')[0], literal: false };
  return name;
}
