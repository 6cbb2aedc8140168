import type { Rule } from 'ztlint/lint/ruleApi';
import { lookup } from 'ztlint/model/lookup';
import type { ObjectValue } from 'ztlint/model/value';
import { containersOf, describeObject, envOf } from './workloads';

/** Variables the Azure SDKs, CLI and Terraform read a long-lived credential from. */
const CREDENTIAL_VARIABLES: ReadonlyMap<string, string> = new Map([
  ['AZURE_CLIENT_SECRET', 'a client secret'],
  ['AZURE_CLIENT_CERTIFICATE_PASSWORD', "a client certificate's password"],
  ['AZURE_PASSWORD', "a user's password"],
  ['ARM_CLIENT_SECRET', 'a client secret'],
  ['ARM_CLIENT_CERTIFICATE_PASSWORD', "a client certificate's password"],
]);

export const kubernetesAzureCredentialsInEnv: Rule = {
  id: 'kubernetes-azure-credentials-in-env',
  title: 'Container authenticates to Azure with a secret in its environment',
  severity: 'error',
  area: 'kubernetes',
  principle: 'assume-breach',
  targets: ['kubernetes'],
  fixable: false,
  check(context) {
    for (const workload of context.kubernetesObjects) {
      if (!workload.podTemplate) continue;
      for (const container of containersOf(workload.podTemplate)) {
        for (const variable of envOf(container)) {
          const credential = CREDENTIAL_VARIABLES.get(variable.name);
          const source = credential && sourceOf(variable.entry);
          if (!source) continue;
          context.report({
            message: `${describeObject(workload)}: container \`${container.name ?? '?'}\` authenticates to Azure with ${credential} in \`${variable.name}\` (${source}); use workload identity instead`,
            at: variable.nameProperty,
          });
        }
      }
    }
  },
};

/** Where the value comes from; `undefined` when the variable is set empty. */
function sourceOf(entry: ObjectValue): string | undefined {
  const value = lookup(entry, 'value');
  if (value.state === 'known') return value.value.kind === 'string' && value.value.value === '' ? undefined : 'written in the manifest';
  for (const [key, kind] of [['secretKeyRef', 'Secret'], ['configMapKeyRef', 'ConfigMap']] as const) {
    const name = lookup(entry, ['valueFrom', key, 'name']);
    if (name.state === 'known' && name.value.kind === 'string') return `from ${kind} \`${name.value.value}\``;
  }
  return lookup(entry, 'valueFrom').state === 'absent' ? undefined : 'from `valueFrom`';
}
