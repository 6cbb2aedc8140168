import type { Rule } from 'ztlint/lint/ruleApi';

export const secretsRules: readonly Rule[] = [];
