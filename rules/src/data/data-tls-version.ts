import type { Rule, RuleContext } from 'ztlint/lint/ruleApi';
import type { Resource } from 'ztlint/model/template';
import { before, checkSettings, oneOf, type Setting } from './settings';

/** Service Bus and Event Hubs namespaces created with older API versions keep TLS 1.0 as their minimum. */
const MESSAGING_SINCE = '2022-01-01';
const MESSAGING_DEFAULT = before(MESSAGING_SINCE, 'it defaults to TLS 1.0');
const BELOW_1_2 = oneOf('1.0', '1.1');

/** A site's `config` child resource holds the site configuration only when it is named `web`. */
function notWebConfig(context: RuleContext, resource: Resource): boolean {
  const name = context.evaluate(resource.name, resource.template);
  return name.kind !== 'string' || !/(^|\/)web$/i.test(name.value);
}

/**
 * Where each service sets its minimum TLS version. Services whose default is TLS 1.2 (App Service, Cosmos
 * DB, Azure Cache for Redis since 2020) are only flagged when a template lowers it.
 */
const SETTINGS: readonly Setting[] = [
  { type: 'Microsoft.Storage/storageAccounts', service: 'Storage account', path: 'properties.minimumTlsVersion', weak: oneOf('TLS1_0', 'TLS1_1'), secure: 'TLS1_2', weakDefault: 'it defaults to TLS 1.0', since: '2019-06-01', safe: true },
  { type: 'Microsoft.Sql/servers', service: 'SQL server', path: 'properties.minimalTlsVersion', weak: oneOf('1.0', '1.1', 'None'), secure: '1.2', weakDefault: 'without it every TLS version is accepted', since: '2019-06-01', safe: true },
  { type: 'Microsoft.Cache/redis', service: 'Redis cache', path: 'properties.minimumTlsVersion', weak: BELOW_1_2, secure: '1.2', safe: true },
  { type: 'Microsoft.ServiceBus/namespaces', service: 'Service Bus namespace', path: 'properties.minimumTlsVersion', weak: BELOW_1_2, secure: '1.2', weakDefault: MESSAGING_DEFAULT, since: MESSAGING_SINCE, safe: true },
  { type: 'Microsoft.EventHub/namespaces', service: 'Event Hubs namespace', path: 'properties.minimumTlsVersion', weak: BELOW_1_2, secure: '1.2', weakDefault: MESSAGING_DEFAULT, since: MESSAGING_SINCE, safe: true },
  { type: 'Microsoft.DocumentDB/databaseAccounts', service: 'Cosmos DB account', path: 'properties.minimalTlsVersion', weak: oneOf('Tls', 'Tls11'), secure: 'Tls12', safe: true },
  ...['minTlsVersion', 'scmMinTlsVersion'].flatMap((key): Setting[] => [
    { type: 'Microsoft.Web/sites', service: 'Web app', path: `properties.siteConfig.${key}`, weak: BELOW_1_2, secure: '1.2', safe: true },
    { type: 'Microsoft.Web/sites/slots', service: 'Web app slot', path: `properties.siteConfig.${key}`, weak: BELOW_1_2, secure: '1.2', safe: true },
    { type: 'Microsoft.Web/sites/config', service: 'Web app configuration', path: `properties.${key}`, weak: BELOW_1_2, secure: '1.2', safe: true, skip: notWebConfig },
    { type: 'Microsoft.Web/sites/slots/config', service: 'Web app slot configuration', path: `properties.${key}`, weak: BELOW_1_2, secure: '1.2', safe: true, skip: notWebConfig },
  ]),
];

/**
 * Raising the minimum is safe to apply: Azure is retiring TLS 1.0 and 1.1 on all of these services (SQL
 * Database, Cosmos DB, Service Bus, Event Hubs and Redis already refuse them), so no client can rely on them.
 */
export const dataTlsVersion: Rule = {
  id: 'data-tls-version',
  title: 'Service accepts TLS versions below 1.2',
  severity: 'warning',
  area: 'data',
  principle: 'assume-breach',
  targets: ['template'],
  fixable: true,
  check(context) {
    checkSettings(context, SETTINGS, 'accepts TLS versions below 1.2');
  },
};
