import type { Rule } from 'ztlint/lint/ruleApi';

export const identityRules: readonly Rule[] = [];
