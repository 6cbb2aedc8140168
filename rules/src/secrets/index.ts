import type { Rule } from 'ztlint/lint/ruleApi';
import { secretsConnectionString } from './secrets-connection-string';
import { secretsInOutput } from './secrets-in-output';
import { secretsKubernetesConfigmapCredentials } from './secrets-kubernetes-configmap-credentials';
import { secretsKubernetesEnvLiteral } from './secrets-kubernetes-env-literal';
import { secretsKubernetesSecretManifest } from './secrets-kubernetes-secret-manifest';
import { secretsLiteralPassword } from './secrets-literal-password';
import { secretsParameterNotSecure } from './secrets-parameter-not-secure';
import { secretsSecureParameterDefault } from './secrets-secure-parameter-default';
import { secretsVmPasswordAuthentication } from './secrets-vm-password-authentication';

export const secretsRules: readonly Rule[] = [
  secretsConnectionString,
  secretsLiteralPassword,
  secretsParameterNotSecure,
  secretsSecureParameterDefault,
  secretsInOutput,
  secretsVmPasswordAuthentication,
  secretsKubernetesEnvLiteral,
  secretsKubernetesConfigmapCredentials,
  secretsKubernetesSecretManifest,
];
