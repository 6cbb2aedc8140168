import type { Rule } from 'ztlint/lint/ruleApi';

export const kubernetesRules: readonly Rule[] = [];
