import type { Rule } from 'ztlint/lint/ruleApi';
import { monitoringKeyvaultAuditLogs } from './monitoring-keyvault-audit-logs';

export const monitoringRules: readonly Rule[] = [monitoringKeyvaultAuditLogs];
