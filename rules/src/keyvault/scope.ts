import { equalsIgnoringCase, type FactContext } from 'ztlint/lint/ruleApi';
import type { Expr } from 'ztlint/model/expr';
import type { Resource } from 'ztlint/model/template';
import type { UnknownValue, Value } from 'ztlint/model/value';
import { allResources } from 'ztlint/model/walk';
import { resourceIdArguments } from './resourceIdCalls';
import { VAULT_TYPE, isVault } from './vaults';

/** What an extension resource applies to, as far as the templates tell. */
export type Target =
  /** a vault declared in a template (existing or not), or something inside it */
  | { readonly kind: 'vault'; readonly vault: Resource }
  /** a vault named in an id (`Microsoft.KeyVault/vaults/kv-orders`); `null` when the name is unknown */
  | { readonly kind: 'vault-name'; readonly name: string | null }
  /** a resource group or subscription: everything in it; `id` when it is written out (a deployed assignment's scope) */
  | { readonly kind: 'container'; readonly id?: string }
  | { readonly kind: 'unknown'; readonly value: UnknownValue }
  | { readonly kind: 'other' };

/**
 * What another file's extension applies to, when it may be a vault: a vault it declares is known there by its name
 * (evaluated with that file's values), the rest as in `Target`.
 */
export type TargetFact =
  | { readonly kind: 'vault'; readonly name: string | null; readonly existing: boolean }
  | { readonly kind: 'vault-name'; readonly name: string | null }
  | { readonly kind: 'container'; readonly id: string | null }
  | { readonly kind: 'unknown' };

const CONTAINER_FUNCTIONS = new Set(['resourcegroup', 'subscription', 'managementgroup', 'tenant']);
const VAULT_IN_ID = /(?:^|\/)microsoft\.keyvault\/vaults\/([^/]*)/i;
/** stands for an unknown part of an id while it is matched as text */
const UNKNOWN_PART = '\u0000';

/**
 * The extension resources of `type` (`Microsoft.Authorization/roleAssignments`), with the old form written as a
 * child of a vault (`Microsoft.KeyVault/vaults/providers/roleAssignments`): which resources it is, and the types
 * to ask the model for.
 */
function extensionsOfType(type: string): { readonly types: readonly string[]; matches(resource: Resource): boolean } {
  const childType = `${VAULT_TYPE}/providers/${type.slice(type.lastIndexOf('/') + 1)}`;
  // The model keeps an ARM child's `providers/roleAssignments` type as written, below its parent.
  const relativeType = `providers/${type.slice(type.lastIndexOf('/') + 1)}`;
  return {
    types: [type, childType, relativeType],
    matches: (resource) =>
      equalsIgnoringCase(resource.type, type) ||
      equalsIgnoringCase(resource.type, childType) ||
      (equalsIgnoringCase(resource.type, relativeType) && resource.parent !== undefined && isVault(resource.parent)),
  };
}

/** The extension resources of `type` in this file (see `extensionsOfType`), by type. */
export function extensions(context: FactContext, type: string): Resource[] {
  const { types, matches } = extensionsOfType(type);
  return types.flatMap((t) => context.resources(t)).filter(matches);
}

/** The same, in the order the file declares them: the order its facts list them in. */
export function declaredExtensions(context: FactContext, type: string): Resource[] {
  const { matches } = extensionsOfType(type);
  return context.templates.flatMap((template) => allResources(template)).filter(matches);
}

/** What an extension of this file applies to. */
export function targetOf(context: FactContext, extension: Resource): Target {
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
      return ofId(value.value);
    case 'unknown':
      return ofUnknown(context, value, extension);
    default:
      return { kind: 'other' };
  }
}

/** A target as another file sees it; none for one that is no vault (`other`), which never applies to a vault. */
export function targetFact(context: FactContext, target: Target): TargetFact | undefined {
  switch (target.kind) {
    case 'vault':
      return { kind: 'vault', name: vaultNameOf(context, target.vault), existing: target.vault.existing };
    case 'container':
      return { kind: 'container', id: target.id ?? null };
    case 'unknown':
      return { kind: 'unknown' };
    case 'other':
      return undefined;
    default:
      return target;
  }
}

/** The name of the vault a target names, when it names one and the name is known. */
export function targetVaultName(context: FactContext, target: Target | TargetFact): string | undefined {
  if (target.kind === 'vault') return ('vault' in target ? vaultNameOf(context, target.vault) : target.name) ?? undefined;
  return target.kind === 'vault-name' ? (target.name ?? undefined) : undefined;
}

/**
 * Whether an extension with this target may apply to `vault`. A vault reached through its declaration is that
 * vault; one reached by name is when the names agree, or when either is unknown (a module's `existing` vault
 * named by a parameter is most likely the vault its caller declares). `unknown` targets are left to the caller.
 */
export function mayApplyTo(context: FactContext, target: Target | TargetFact, vault: Resource): boolean {
  const vaultName = vaultNameOf(context, vault);
  switch (target.kind) {
    case 'vault': {
      // Another file's vault is known by its name only.
      if (!('vault' in target)) return sameName(target.name, vaultName, !target.existing);
      if (target.vault === vault) return true;
      // Another declaration of the same vault (a Bicep file and its compiled JSON) is that vault only by name.
      return sameName(vaultNameOf(context, target.vault), vaultName, !target.vault.existing);
    }
    case 'vault-name':
      return sameName(target.name, vaultName);
    default:
      return false;
  }
}

/** A vault's name, when it is known. */
function vaultNameOf(context: FactContext, vault: Resource): string | null {
  const name = context.evaluate(vault.fullName, vault.template);
  return name.kind === 'string' ? name.value : null;
}

/**
 * Whether a resource group or subscription holds the vault: when both ids are known (deployed resources carry
 * theirs), by the ids; otherwise it may.
 */
export function containerHolds(context: FactContext, target: { readonly id?: string | null }, vault: Resource): boolean {
  const vaultId = context.get(vault, 'id');
  if (target.id === undefined || target.id === null || vaultId.state !== 'known' || vaultId.value.kind !== 'string') return true;
  return vaultId.value.value.toLowerCase().startsWith(`${target.id.toLowerCase()}/`);
}

/** How a message names a target vault. */
export function describeTarget(context: FactContext, target: Extract<Target, { kind: 'vault' | 'vault-name' }>): string {
  if (target.kind === 'vault') return `Key Vault ${context.label(target.vault)}`;
  return target.name ? `Key Vault '${target.name}'` : 'a Key Vault';
}

function sameName(a: string | null, b: string | null, onlyWhenKnown = false): boolean {
  if (a !== null && b !== null) return a.toLowerCase() === b.toLowerCase();
  return !onlyWhenKnown;
}

/** A vault's child (`vault/secret`) is inside the vault; its name's first segment names it. */
function ofResource(context: FactContext, resource: Resource): Target {
  for (let r: Resource | undefined = resource; r; r = r.parent) if (isVault(r)) return { kind: 'vault', vault: r };
  if (resource.type.toLowerCase().startsWith(`${VAULT_TYPE.toLowerCase()}/`)) {
    return { kind: 'vault-name', name: firstSegment(context.evaluate(resource.fullName, resource.template)) };
  }
  return { kind: 'other' };
}

/** `/subscriptions/…/providers/Microsoft.KeyVault/vaults/kv`, or ARM's `Microsoft.KeyVault/vaults/kv` scope form. */
function ofId(id: string): Target {
  const match = VAULT_IN_ID.exec(id);
  if (match) return { kind: 'vault-name', name: match[1] };
  if (/^\/subscriptions\/[^/]+(\/resourceGroups\/[^/]+)?\/?$/i.test(id)) return { kind: 'container', id: id.replace(/\/$/, '') };
  return /^\/providers\/Microsoft\.Management\//i.test(id) ? { kind: 'container' } : { kind: 'other' };
}

function ofUnknown(context: FactContext, value: UnknownValue, extension: Resource): Target {
  if (value.fragments) {
    const text = value.fragments.map((f) => (f.kind === 'string' ? f.value : UNKNOWN_PART)).join('');
    const match = VAULT_IN_ID.exec(text);
    if (match) {
      const name = match[1];
      return { kind: 'vault-name', name: name.includes(UNKNOWN_PART) || name === '' ? null : name };
    }
    return /\/providers\//i.test(text) || /^microsoft\./i.test(text) ? { kind: 'other' } : { kind: 'unknown', value };
  }
  if (CONTAINER_FUNCTIONS.has(value.runtimeFunction?.toLowerCase() ?? '')) return { kind: 'container' };
  const call = resourceIdArguments(context, value, extension.template);
  if (call) {
    if (!call.type.toLowerCase().startsWith(VAULT_TYPE.toLowerCase())) return { kind: 'other' };
    const [name] = call.names;
    return { kind: 'vault-name', name: name?.kind === 'string' ? name.value : null };
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

function firstSegment(name: Value): string | null {
  if (name.kind === 'string') return name.value.split('/')[0];
  const first = name.kind === 'unknown' ? name.fragments?.[0] : undefined;
  if (first?.kind === 'string' && first.value.includes('/')) return first.value.split('/')[0];
  return null;
}
