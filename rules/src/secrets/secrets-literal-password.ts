import type { Rule, RuleContext } from 'ztlint/lint/ruleApi';
import type { StringValue } from 'ztlint/model/value';
import { embeddedSecrets } from './connectionStrings';
import { stringsIn, templateStrings, type StringSite } from './deployedStrings';
import type { SecretKind } from './secretNames';
import { isPlaceholder, namedSecret } from './secretValues';
import { moveToSecureParameter } from './secureParameterFix';

/**
 * A written-out secret, with the kind of secret it is. Connection strings and SAS URLs are left to
 * secrets-connection-string, which tells the secret inside them from the rest.
 */
function literalSecret(site: StringSite): { value: StringValue; kind: SecretKind } | undefined {
  const { value } = site;
  if (value.kind !== 'string') return undefined;
  // The name first: few strings are named like secrets, and the rest need not be searched for connection strings.
  const kind = namedSecret(site.name, value.value) ?? (site.declaredSecret && !isPlaceholder(value.value) ? 'secret' : undefined);
  return kind && embeddedSecrets(value).length === 0 ? { value, kind } : undefined;
}

function checkTemplates(context: RuleContext): void {
  // The defaults of secure parameters are secrets-secure-parameter-default's.
  const secureDefaults = context.templates.flatMap((t) => t.parameters.flatMap((p) => (p.secure && p.defaultValue ? [p.defaultValue.range] : [])));
  for (const site of templateStrings(context, true)) {
    const secret = literalSecret(site);
    if (!secret || !site.template) continue;
    const { range } = secret.value;
    // A value from a parameter file is reported there.
    if (secret.value.via.some((hop) => hop.kind === 'parameter-value') || secureDefaults.some((d) => d.start <= range.start && range.end <= d.end)) continue;
    const fix = moveToSecureParameter(context, site.template, secret.value, site.name, 'secret');
    context.report({
      message: `\`${site.name ?? 'value'}\` is a ${secret.kind} written in the template (${context.mask(secret.value.value)}): anyone who can read the repository can use it; take it from a secure parameter supplied from Key Vault at deployment, or better, use a managed identity`,
      at: secret.value,
      ...(fix ? { fix } : {}),
    });
  }
}

function checkParameterFile(context: RuleContext): void {
  const file = context.parameterFile;
  if (!file) return;
  const keyVault = file.language === 'bicep' ? '`getSecret()`' : 'a `reference.keyVault` entry';
  for (const entry of file.values) {
    if (!entry.value) continue;
    for (const site of stringsIn(context.evaluate(entry.value, file.scope), entry.name)) {
      const secret = literalSecret(site);
      if (!secret) continue;
      context.report({
        message: `Parameter \`${entry.name}\` is given a ${secret.kind} written in the parameter file (${context.mask(secret.value.value)}): reference it from Key Vault with ${keyVault} instead`,
        at: secret.value,
      });
    }
  }
}

export const secretsLiteralPassword: Rule = {
  id: 'secrets-literal-password',
  title: 'A password, key or token is written in the file',
  severity: 'error',
  area: 'secrets',
  principle: 'assume-breach',
  targets: ['template', 'parameters'],
  fixable: true,
  check(context) {
    checkTemplates(context);
    checkParameterFile(context);
  },
};
