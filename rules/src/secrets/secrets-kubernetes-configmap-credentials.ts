import type { Rule } from 'ztlint/lint/ruleApi';
import { lookup } from 'ztlint/model/lookup';
import { embeddedSecrets } from './connectionStrings';
import { credentialShape, namedSecret } from './secretValues';

/**
 * `password = x`, `password: x`, `"password": "x"`, `export PASSWORD=x`: one setting of a configuration file. The
 * value runs to its closing quote or, unquoted, to its last non-space but for a trailing comma. Ending the unquoted
 * one at a non-space has the spaces after it read once, not again from each of its characters: linear.
 */
const SETTING = /^\s*(?:export\s+)?["']?([A-Za-z_][\w.-]*)["']?\s*[=:]\s*["']?(?:([^"'\s#][^"'#]*)["'](?:\s*,)?\s*|([^"'\s#](?:[^"'#]*?[^"'\s#])??)(?:\s*,)?\s*)$/;

/** What a name and value say the value is (`a password`), when it is a secret. */
function secretKind(name: string, value: string): string | undefined {
  const kind = namedSecret(name, value);
  return kind && `a ${kind}`;
}

/** The first setting in a configuration file held by the ConfigMap that is a secret. */
function secretSetting(text: string): { name: string; value: string; what: string } | undefined {
  for (const line of text.split(/\r?\n/)) {
    const match = SETTING.exec(line);
    if (!match) continue;
    const value = match[2] ?? match[3];
    const what = secretKind(match[1], value);
    if (what) return { name: match[1], value, what };
  }
  return undefined;
}

export const secretsKubernetesConfigmapCredentials: Rule = {
  id: 'secrets-kubernetes-configmap-credentials',
  title: 'A ConfigMap holds credentials',
  severity: 'error',
  area: 'secrets',
  principle: 'assume-breach',
  targets: ['kubernetes'],
  fixable: false,
  check(context) {
    const advice = 'ConfigMaps are readable by anyone who can read the namespace and are not encrypted at rest; use Microsoft Entra Workload ID instead, or keep the secret in Key Vault and mount it with the Secrets Store CSI driver';
    for (const object of context.kubernetesObjects) {
      if (object.kind !== 'ConfigMap') continue;
      const data = lookup(object.value, 'data');
      if (data.state !== 'known' || data.value.kind !== 'object') continue;
      for (const entry of data.value.properties) {
        const { value } = entry;
        // Connection strings are secrets-connection-string's: it points at the secret inside them.
        if (value.kind !== 'string' || embeddedSecrets(value).length > 0) continue;
        const text = value.value;
        const shape = credentialShape(text);
        const direct = text.includes('\n') ? undefined : secretKind(entry.key, text);
        const setting = shape || direct ? undefined : secretSetting(text);
        const what = shape ?? direct;
        if (what) {
          context.report({ message: `ConfigMap entry \`${entry.key}\` holds ${what} (${context.mask(text)}): ${advice}`, at: value });
        } else if (setting) {
          context.report({ message: `ConfigMap entry \`${entry.key}\` sets \`${setting.name}\` to ${setting.what} (${context.mask(setting.value)}): ${advice}`, at: value });
        }
      }
    }
  },
};
