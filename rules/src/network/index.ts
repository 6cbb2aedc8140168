import type { Rule } from 'ztlint/lint/ruleApi';

export const networkRules: readonly Rule[] = [];
