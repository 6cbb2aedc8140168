import type { Rule } from 'ztlint/lint/ruleApi';
import { lookup } from 'ztlint/model/lookup';
import type { ObjectValue, Value } from 'ztlint/model/value';
import { embeddedSecrets } from './connectionStrings';
import { credentialShape, namedSecret } from './secretValues';

const CONTAINER_LISTS = ['containers', 'initContainers', 'ephemeralContainers'];

function objects(value: Value | undefined): ObjectValue[] {
  return value?.kind === 'array' ? value.items.filter((item): item is ObjectValue => item.kind === 'object') : [];
}

function entry(object: ObjectValue, key: string): Value | undefined {
  return object.properties.find((p) => p.key === key)?.value;
}

export const secretsKubernetesEnvLiteral: Rule = {
  id: 'secrets-kubernetes-env-literal',
  title: 'A container environment variable holds a secret written in the manifest',
  severity: 'error',
  area: 'secrets',
  principle: 'assume-breach',
  targets: ['kubernetes'],
  fixable: false,
  check(context) {
    for (const object of context.kubernetesObjects) {
      if (!object.podTemplate) continue;
      const spec = lookup(object.podTemplate.value, 'spec');
      if (spec.state !== 'known' || spec.value.kind !== 'object') continue;
      for (const list of CONTAINER_LISTS) {
        for (const container of objects(entry(spec.value, list))) {
          for (const variable of objects(entry(container, 'env'))) {
            const name = entry(variable, 'name');
            const value = entry(variable, 'value');
            // Connection strings are secrets-connection-string's: it points at the secret inside them.
            if (name?.kind !== 'string' || value?.kind !== 'string' || embeddedSecrets(value).length > 0) continue;
            const kind = namedSecret(name.value, value.value);
            const what = credentialShape(value.value) ?? (kind && `a ${kind}`);
            if (!what) continue;
            context.report({
              message: `Environment variable \`${name.value}\` holds ${what} written in the manifest (${context.mask(value.value)}): anyone who can read the repository or the pod spec can use it; use Microsoft Entra Workload ID instead, or keep it in Key Vault and mount it with the Secrets Store CSI driver (at least \`valueFrom.secretKeyRef\`)`,
              at: value,
            });
          }
        }
      }
    }
  },
};
