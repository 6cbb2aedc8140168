import type { Rule } from 'ztlint/lint/ruleApi';
import { identityAksLocalAccounts } from './identity-aks-local-accounts';
import { identityAksPodIdentity } from './identity-aks-pod-identity';
import { identityAksWorkloadIdentity } from './identity-aks-workload-identity';
import { identityLocalAuthEnabled } from './identity-local-auth-enabled';
import { identityManagedIdentityMissing } from './identity-managed-identity-missing';
import { identityStandingPrivilegedRole } from './identity-standing-privileged-role';

export const identityRules: readonly Rule[] = [
  identityAksWorkloadIdentity,
  identityAksLocalAccounts,
  identityAksPodIdentity,
  identityManagedIdentityMissing,
  identityLocalAuthEnabled,
  identityStandingPrivilegedRole,
];
