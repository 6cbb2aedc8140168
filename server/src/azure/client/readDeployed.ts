import type { DeployedSnapshot } from '../snapshot';
import { ArmClient, ArmError } from './armClient';
import { armTokens, SignInError } from './credential';
import { armEndpoint } from './endpoint';
import { readSnapshot, type SnapshotScope } from './readSnapshot';

/** The scan could not start or read anything: the message says what the user can do. */
export class DeployedReadError extends Error {}

/**
 * Signs in with DefaultAzureCredential and reads the scope from the configured Resource Manager endpoint: what
 * `ztlint azure` and the editor's command share. `log` hears about retries, never about tokens.
 */
export async function readDeployed(scope: SnapshotScope, log: (message: string) => void): Promise<DeployedSnapshot> {
  const endpoint = armEndpoint();
  if ('error' in endpoint) throw new DeployedReadError(endpoint.error);
  const client = new ArmClient({ endpoint, token: armTokens(), onRetry: (read, waitMs, status) => log(`Azure Resource Manager answered ${status} for ${read.scope}; retrying in ${Math.ceil(waitMs / 1000)} s`) });
  try {
    return await readSnapshot(client, scope);
  } catch (error) {
    if (error instanceof SignInError || error instanceof ArmError) throw new DeployedReadError(error.message);
    throw error;
  }
}
