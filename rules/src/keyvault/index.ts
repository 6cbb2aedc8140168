import type { Rule } from 'ztlint/lint/ruleApi';
import { keyvaultAccessPolicyTooBroad } from './keyvault-access-policy-too-broad';
import { keyvaultNoManagedIdentityAccess } from './keyvault-no-managed-identity-access';
import { keyvaultNoRoleAssignment } from './keyvault-no-role-assignment';
import { keyvaultPublicNetworkAccess } from './keyvault-public-network-access';
import { keyvaultPurgeProtectionDisabled } from './keyvault-purge-protection-disabled';
import { keyvaultRbacDisabled } from './keyvault-rbac-disabled';
import { keyvaultRoleTooBroad } from './keyvault-role-too-broad';
import { keyvaultSoftDeleteDisabled } from './keyvault-soft-delete-disabled';

export const keyvaultRules: readonly Rule[] = [
  keyvaultRbacDisabled,
  keyvaultNoRoleAssignment,
  keyvaultNoManagedIdentityAccess,
  keyvaultAccessPolicyTooBroad,
  keyvaultRoleTooBroad,
  keyvaultPurgeProtectionDisabled,
  keyvaultSoftDeleteDisabled,
  keyvaultPublicNetworkAccess,
];
