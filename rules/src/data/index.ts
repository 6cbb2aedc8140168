import type { Rule } from 'ztlint/lint/ruleApi';

export const dataRules: readonly Rule[] = [];
