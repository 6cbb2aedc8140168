import type { Rule, RuleContext } from 'ztlint/lint/ruleApi';
import { embeddedSecrets, secretOrigin, type EmbeddedSecret, type Service } from './connectionStrings';
import { stringsIn, templateStrings, type StringSite } from './deployedStrings';
import { secretNameKind } from './secretNames';
import { moveToSecureParameter } from './secureParameterFix';

/** Where the value goes decides what to use instead. */
type Destination = 'template' | 'parameters' | 'kubernetes';

const KEY_VAULT_REFERENCE = 'a Key Vault reference (`@Microsoft.KeyVault(SecretUri=...)`)';

/** How an app setting names a service instead of a connection string: `AzureWebJobsStorage__accountName`. */
const IDENTITY_SETTING: Partial<Record<Service, string>> = { storage: '__accountName', messaging: '__fullyQualifiedNamespace', cosmos: '__accountEndpoint' };

function identitySetting(service: Service, name: string | undefined): string | undefined {
  // Platform settings such as WEBSITE_CONTENTAZUREFILECONNECTIONSTRING have no identity-based form.
  if (name?.toUpperCase().startsWith('WEBSITE_')) return undefined;
  const suffix = IDENTITY_SETTING[service];
  return suffix && `\`${name ?? '<name>'}${suffix}\``;
}

function advice(secret: EmbeddedSecret, site: StringSite, destination: Destination): string {
  const identity = secret.service === 'database' ? 'Microsoft Entra authentication with a managed identity' : 'a managed identity with an Azure RBAC role';
  switch (destination) {
    case 'kubernetes':
      return 'use Microsoft Entra Workload ID instead; where a secret is unavoidable, keep it in Key Vault and mount it with the Secrets Store CSI driver';
    case 'parameters':
      return `use ${identity} instead; where a secret is unavoidable, reference it from Key Vault (\`getSecret()\`, a \`reference.keyVault\` parameter)`;
    case 'template': {
      if (!site.appSetting) return `use ${identity} instead; where a secret is unavoidable, keep it in Key Vault`;
      const setting = identitySetting(secret.service, site.name);
      return setting ? `use the identity-based setting ${setting} or ${KEY_VAULT_REFERENCE}` : `use ${identity} or ${KEY_VAULT_REFERENCE}`;
    }
  }
}

/** Names of settings that hold a whole connection string: `ordersConnectionString`, `ServiceBusConnection`. */
function namesConnection(name: string | undefined): boolean {
  return name !== undefined && (secretNameKind(name) === 'connection string' || /connection|^AzureWebJobs(Storage|Dashboard)$/i.test(name));
}

/**
 * A whole connection string computed at deployment (`listConnectionStrings()`, `.primaryConnectionString` of
 * `listKeys()`): its secret cannot be seen in its text, but the `list*()` call says it is there.
 */
function wholeSecret(context: RuleContext, site: StringSite): EmbeddedSecret[] {
  const { value } = site;
  if (value.kind !== 'unknown' || value.fragments || site.secretSlot) return [];
  const listed = value.runtimeFunction?.toLowerCase().startsWith('list') ?? false;
  // Only a `list*()` result is reported (and, when strict, what cannot be verified): most unknown values are
  // neither, and need not have their names read.
  if ((!listed && !context.strict) || !namesConnection(site.name)) return [];
  if (listed) return [{ what: 'a secret', computed: value, service: 'other' }];
  context.cannotVerify(value, `whether connection string \`${site.name}\` embeds a secret`);
  return [];
}

function check(context: RuleContext, sites: readonly StringSite[], destination: Destination): void {
  for (const site of sites) {
    // Key Vault secrets, protected settings and secure values are where a key computed at deployment belongs.
    const found = embeddedSecrets(site.value);
    const embedded = site.secretSlot ? found.filter((s) => !s.computed) : found;
    const secrets = embedded.length > 0 ? embedded : wholeSecret(context, site);
    if (secrets.length === 0) continue;
    const [first] = secrets;
    const more = secrets.length > 1 ? ` and ${secrets.length - 1} more secret${secrets.length > 2 ? 's' : ''}` : '';
    const fix = first.literal !== undefined && site.template ? moveToSecureParameter(context, site.template, site.value, site.name, 'connectionString') : undefined;
    context.report({
      message: `A connection string embeds ${first.what} ${secretOrigin(first, context.mask)}${more}: ${advice(first, site, destination)}`,
      at: site.value,
      ...(fix ? { fix } : {}),
    });
  }
}

export const secretsConnectionString: Rule = {
  id: 'secrets-connection-string',
  title: 'A connection string or URL embeds a secret',
  severity: 'error',
  area: 'secrets',
  principle: 'verify-explicitly',
  targets: ['template', 'parameters', 'kubernetes'],
  fixable: true,
  check(context) {
    check(context, templateStrings(context, true), 'template');
    const file = context.parameterFile;
    if (file) {
      const sites = file.values.flatMap((entry) => (entry.value ? stringsIn(context.evaluate(entry.value, file.scope), entry.name) : []));
      check(context, sites, 'parameters');
    }
    // A Secret is where a credential belongs in a cluster (see secrets-kubernetes-secret-manifest); the
    // last-applied annotation repeats the whole object.
    const manifests = context.kubernetesObjects
      .filter((object) => object.kind !== 'Secret')
      .flatMap((object) => stringsIn(object.value, undefined).filter((site) => site.name !== 'kubectl.kubernetes.io/last-applied-configuration'));
    check(context, manifests, 'kubernetes');
  },
};
