import type { Rule } from 'ztlint/lint/ruleApi';
import { lookup } from 'ztlint/model/lookup';
import type { PropertyValue } from 'ztlint/model/value';
import { isPlaceholder } from './secretValues';

/** `data` is base64: an entry that decodes to a placeholder (or nothing) holds no secret yet. */
function holdsSecret(entry: PropertyValue, encoded: boolean): boolean {
  if (entry.value.kind !== 'string') return false;
  const text = encoded ? Buffer.from(entry.value.value, 'base64').toString('utf8') : entry.value.value;
  return !isPlaceholder(text);
}

export const secretsKubernetesSecretManifest: Rule = {
  id: 'secrets-kubernetes-secret-manifest',
  title: 'A Kubernetes Secret with its values is committed to the repository',
  severity: 'warning',
  area: 'secrets',
  principle: 'assume-breach',
  targets: ['kubernetes'],
  fixable: false,
  check(context) {
    for (const object of context.kubernetesObjects) {
      if (object.kind !== 'Secret' || object.apiVersion !== 'v1') continue;
      const keys = (['data', 'stringData'] as const).flatMap((field) => {
        const entries = lookup(object.value, field);
        return entries.state === 'known' && entries.value.kind === 'object' ? entries.value.properties.filter((e) => holdsSecret(e, field === 'data')).map((e) => `\`${e.key}\``) : [];
      });
      if (keys.length === 0) continue;
      context.report({
        message: `Secret${object.name ? ` \`${object.name}\`` : ''} is committed with its values (${keys.join(', ')}): anyone who can read the repository has them, and Kubernetes stores them only base64-encoded; keep them in Key Vault and mount them with the Secrets Store CSI driver and Microsoft Entra Workload ID (it can sync a Secret for you)`,
        at: object,
      });
    }
  },
};
