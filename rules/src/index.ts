import * as path from 'node:path';
import type { Rule } from 'ztlint/lint/ruleApi';
import { dataRules } from './data';
import { identityRules } from './identity';
import { keyvaultRules } from './keyvault';
import { kubernetesRules } from './kubernetes';
import { monitoringRules } from './monitoring';
import { networkRules } from './network';
import { secretsRules } from './secrets';

export const rules: readonly Rule[] = [...keyvaultRules, ...networkRules, ...secretsRules, ...identityRules, ...kubernetesRules, ...dataRules, ...monitoringRules];

/** Each rule's docs page sits beside its definition: `rules/src/<area>/<id>.md`. */
export function docsPath(rule: Pick<Rule, 'id' | 'area'>): string {
  return path.join(__dirname, '..', 'src', rule.area, `${rule.id}.md`);
}
