import type { Rule } from 'ztlint/lint/ruleApi';
import type { Parameter } from 'ztlint/model/template';
import { nameWords, secretNameKind, type SecretKind } from './secretNames';

/** Kinds of secret an object parameter is named for: `credentials`, `secrets`; `keys` could be anything. */
const OBJECT_SECRETS: ReadonlySet<SecretKind> = new Set(['secret', 'credential', 'password']);

/** Application Insights connection strings hold an instrumentation key, which is an identifier, not a secret. */
const TELEMETRY = new Set(['insights', 'appinsights', 'applicationinsights', 'instrumentation', 'telemetry']);

/** What kind of secret the parameter is named for, when its type can hold one. */
function secretKindOf(parameter: Parameter): SecretKind | undefined {
  if (parameter.secure || parameter.allowedValues || parameter.resourceType) return undefined;
  const kind = secretNameKind(parameter.name);
  if (kind === undefined || nameWords(parameter.name).some((w) => TELEMETRY.has(w))) return undefined;
  const type = parameter.type.toLowerCase().replace(/\?$/, '');
  return type === 'string' || (type === 'object' && OBJECT_SECRETS.has(kind)) ? kind : undefined;
}

export const secretsParameterNotSecure: Rule = {
  id: 'secrets-parameter-not-secure',
  title: 'A parameter named like a secret is not secure',
  severity: 'warning',
  area: 'secrets',
  principle: 'assume-breach',
  targets: ['template'],
  fixable: true,
  check(context) {
    for (const template of context.templates) {
      for (const parameter of template.parameters) {
        const kind = secretKindOf(parameter);
        if (kind === undefined) continue;
        const object = parameter.type.toLowerCase().startsWith('object');
        const secure = template.language === 'bicep' ? 'add `@secure()`' : `declare it \`${object ? 'secureObject' : 'securestring'}\``;
        context.report({
          message: `Parameter \`${parameter.name}\` is named like a ${kind} but is not secure: its value is kept in plain text in the deployment history and can show in logs; ${secure}`,
          at: parameter.nameRange,
          // Callers pass the value the same way; it just stops showing in the deployment history.
          fix: { title: `Make parameter ${parameter.name} secure`, safe: true, intents: [{ kind: 'make-secure', declaration: parameter, template }] },
        });
      }
    }
  },
};
