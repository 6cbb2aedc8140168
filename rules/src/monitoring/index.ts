import type { Rule } from 'ztlint/lint/ruleApi';

export const monitoringRules: readonly Rule[] = [];
