import { ArmClient } from '../client/armClient';
import { armTokens } from '../client/credential';
import { armEndpoint } from '../client/endpoint';
import { snapshotScope } from '../client/scope';
import { LiveLookup } from './liveLookup';

/** `initializationOptions.azure`, from VS Code's `ztlint.azure.*` settings. */
export interface LookupSettings {
  readonly lookupExisting?: unknown;
  readonly subscription?: unknown;
  readonly resourceGroup?: unknown;
}

/** Deployed state changes rarely while a file is edited; this keeps reads to a few per resource an hour. */
const TTL_MS = 5 * 60_000;

/**
 * The live lookup of `existing` resources the editor asked for, or `undefined` when it is off. It reads Azure
 * with the user's own credential, so it runs only in a trusted workspace: a file from an untrusted one must not
 * make the editor read the user's subscription. Settings that cannot be used are logged once, at start.
 */
export function editorLookup(initializationOptions: unknown, trusted: boolean, onChange: () => void, log: (message: string) => void): LiveLookup | undefined {
  const settings = (initializationOptions as { readonly azure?: LookupSettings } | undefined)?.azure;
  if (settings?.lookupExisting !== true) return undefined;
  if (!trusted) {
    log('ztlint: ztlint.azure.lookupExisting is on, but the workspace is not trusted: existing resources are not looked up');
    return undefined;
  }
  const group = typeof settings.resourceGroup === 'string' && settings.resourceGroup !== '' ? [settings.resourceGroup] : [];
  const scope = snapshotScope(typeof settings.subscription === 'string' ? settings.subscription : '', group);
  if ('error' in scope) {
    log(`ztlint: ztlint.azure.lookupExisting is on, but ztlint.azure.subscription cannot be used: ${scope.error}`);
    return undefined;
  }
  const endpoint = armEndpoint();
  if ('error' in endpoint) {
    log(`ztlint: existing resources are not looked up: ${endpoint.error}`);
    return undefined;
  }
  // A failed sign-in is kept by armTokens (it ends a scan); here the user may sign in while the editor runs.
  let tokens = armTokens();
  const token = () =>
    tokens().catch((error: unknown) => {
      tokens = armTokens();
      throw error;
    });
  const client = new ArmClient({ endpoint, token, attempts: 2 });
  return new LiveLookup({
    defaults: { subscriptionId: scope.subscriptionId, ...(group.length > 0 ? { resourceGroup: group[0] } : {}) },
    read: ({ id, type }) => client.get({ path: id, apiVersion: type.apiVersion, scope: id, permission: `${type.type}/read` }),
    ttlMs: TTL_MS,
    onChange,
    log,
  });
}
