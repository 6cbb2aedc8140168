import type { Rule, RuleContext } from 'ztlint/lint/ruleApi';
import type { Resource } from 'ztlint/model/template';
import { before, checkSettings, oneOf, type Setting } from './settings';

/** NFS 3.0 has no encryption in transit: Azure requires secure transfer to be off on NFS-enabled accounts. */
function nfsAccount(context: RuleContext, resource: Resource): boolean {
  const nfs = context.get(resource, 'properties.isNfsV3Enabled');
  return nfs.state === 'known' && nfs.value.kind === 'boolean' && nfs.value.value;
}

/**
 * Where each service allows unencrypted traffic. App Service redirects HTTP to HTTPS once `httpsOnly` is
 * set, so that fix is safe; storage and Redis reject plain-text clients outright, so theirs need a look first.
 */
const SETTINGS: readonly Setting[] = [
  { type: 'Microsoft.Storage/storageAccounts', service: 'Storage account', path: 'properties.supportsHttpsTrafficOnly', weak: oneOf(false), secure: true, weakDefault: before('2019-04-01', 'it defaults to false'), safe: false, skip: nfsAccount },
  ...['Microsoft.Web/sites', 'Microsoft.Web/sites/slots'].map((type): Setting => ({ type, service: type.endsWith('slots') ? 'Web app slot' : 'Web app', path: 'properties.httpsOnly', weak: oneOf(false), secure: true, weakDefault: 'it defaults to false', safe: true })),
  { type: 'Microsoft.Cache/redis', service: 'Redis cache', path: 'properties.enableNonSslPort', weak: oneOf(true), secure: false, safe: false },
  { type: 'Microsoft.Cache/redisEnterprise/databases', service: 'Redis Enterprise database', path: 'properties.clientProtocol', weak: oneOf('Plaintext'), secure: 'Encrypted', safe: false },
];

export const dataHttpsOnly: Rule = {
  id: 'data-https-only',
  title: 'Service accepts unencrypted traffic',
  severity: 'warning',
  area: 'data',
  principle: 'assume-breach',
  targets: ['template'],
  fixable: true,
  check(context) {
    checkSettings(context, SETTINGS, 'accepts unencrypted traffic');
  },
};
