import { ErrorCodes, LSPErrorCodes, ResponseError } from 'vscode-languageserver/node';
import { loadConfig } from '../config/config';
import type { Catalogue } from '../lint/catalogue';
import { DeployedReadError, readDeployed } from '../azure/client/readDeployed';
import { snapshotScope } from '../azure/client/scope';
import { lintDeployed } from '../azure/posture';
import { formatDeployedText } from '../azure/report/text';

/** The `workspace/executeCommand` that reads a subscription's deployed resources and lints them (client/src/checkDeployed.ts). */
export const CHECK_DEPLOYED_COMMAND = 'ztlint.server.checkDeployed';

export interface CheckDeployedArguments {
  readonly subscriptionId: string;
  readonly resourceGroups?: readonly string[];
}

export interface CheckDeployedResult {
  /** the report as `ztlint azure` prints it */
  readonly text: string;
  readonly findings: number;
  readonly problems: number;
}

/**
 * Reads the deployed state as `ztlint azure` does and lints it with the rules and settings of the first
 * workspace folder's config. A sign-in or permission failure is a failed request whose message says what to do.
 */
export async function checkDeployed(args: readonly unknown[] | undefined, catalogue: Catalogue, folder: string | undefined, log: (message: string) => void): Promise<CheckDeployedResult> {
  const given = args?.[0] as Partial<CheckDeployedArguments> | undefined;
  const groups = Array.isArray(given?.resourceGroups) ? given.resourceGroups.filter((g): g is string => typeof g === 'string') : [];
  const scope = snapshotScope(typeof given?.subscriptionId === 'string' ? given.subscriptionId : '', groups);
  if ('error' in scope) throw new ResponseError(ErrorCodes.InvalidParams, scope.error);
  const loaded = folder !== undefined ? loadConfig(folder) : undefined;
  const config = loaded?.ok ? loaded.config : undefined;
  try {
    const snapshot = await readDeployed(scope, (message) => log(`ztlint: ${message}`));
    const findings = lintDeployed(snapshot, { catalogue, strict: config?.strict ?? false, ...(config ? { severities: config.rules } : {}) });
    return { text: formatDeployedText({ snapshot, findings, drift: [], catalogue, base: folder ?? process.cwd() }), findings: findings.length, problems: snapshot.problems.length };
  } catch (error) {
    if (error instanceof DeployedReadError) throw new ResponseError(LSPErrorCodes.RequestFailed, error.message);
    throw error;
  }
}
