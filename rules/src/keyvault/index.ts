import type { Rule } from 'ztlint/lint/ruleApi';
import { keyvaultRbacDisabled } from './keyvault-rbac-disabled';

export const keyvaultRules: readonly Rule[] = [keyvaultRbacDisabled];
